//! The YAML front end: granit-parser's events straight to [`Node`]s.
//!
//! This reproduces what serde-saphyr 2.1 (the crate that re-exports granit-parser, and that
//! parse.rs used before) gives a `deserialize_any` visitor wrapped in `Spanned`, without its
//! per-node serde machinery: the same scalar typing, the same spans (a node reached through
//! an alias or a merge key carries the span of that use), the same budget counted on the same
//! events, the same alias replay, merge keys and error positions. Each piece below names the
//! serde-saphyr function it mirrors, so a reader can check one against the other; the
//! differential tests in `parse/tests.rs` run both on a corpus and compare values, spans and
//! diagnostics.
//!
//! Two layers, as in serde-saphyr: [`Live`] pulls granit events, enforces the budget, records
//! anchored nodes and replays them at aliases (its `LiveEvents`); the builder functions walk any
//! [`Src`] (live events, or a recorded node replayed for a key or a merge) into nodes (its
//! `YamlDeserializer`).

use super::{Node, Value};
use crate::limits;
use crate::span::Span;
use serde_saphyr::granit_parser::{self as gp, Event, ScalarStyle, StrInput, Tag};
use std::borrow::Cow;
use std::collections::HashSet;
use std::rc::Rc;

/// Most anchors defined, recorded event copies and their owned bytes, and merge keys: the
/// defaults of serde-saphyr's `Budget`, which parse.rs left in place.
const MAX_ANCHORS: usize = 50_000;
const MAX_RECORDED_ANCHOR_EVENTS: usize = 1_000_000;
const MAX_RECORDED_ANCHOR_BYTES: usize = 64 * 1024 * 1024;
const MAX_MERGE_KEYS: usize = 10_000;
/// Events are nodes plus collection ends; the node cap is the one that binds.
const MAX_EVENTS: usize = 4 * limits::MAX_NODES;
const YAML_NS: &str = "tag:yaml.org,2002:";

/// A byte range of the source, as granit reports it for an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Loc {
    start: u32,
    len: u32,
}

impl Loc {
    /// The bytes `start..end`.
    pub(super) fn new(start: usize, end: usize) -> Loc {
        Loc {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(end.saturating_sub(start)).unwrap_or(u32::MAX),
        }
    }

    fn of(span: &gp::Span) -> Loc {
        let start = span.start.byte_offset().unwrap_or(0);
        let end = span.end.byte_offset().unwrap_or(start);
        Loc {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(end.saturating_sub(start)).unwrap_or(u32::MAX),
        }
    }

    fn span(loc: Option<Loc>) -> Span {
        loc.map_or(Span::new(0, 0), |l| {
            Span::new(l.start as usize, l.start as usize + l.len as usize)
        })
    }
}

/// Where an error points: a byte offset, or (for scanner errors) a line and 1-based column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pos {
    Byte(usize),
    LineCol(usize, usize),
}

/// A budget limit, as serde-saphyr's `BudgetBreach`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Breach {
    Events,
    Aliases,
    Anchors,
    Depth,
    Documents,
    Nodes,
    ScalarBytes,
    MergeKeys,
    Unbalanced,
    RecordedAnchorEvents,
    RecordedAnchorBytes,
}

/// What went wrong; parse.rs turns it into a diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    /// The scanner's or parser's own message.
    Syntax(String),
    UnknownAnchor,
    Budget(Breach),
    ReplayLimit,
    ReplayDepth,
    Recursive,
    InvalidScalar(&'static str),
    InvalidBinaryBase64,
    BinaryNotUtf8,
    TaggedScalarIntoString,
    UnsupportedTag(String),
    UnsupportedIncludeForm,
    MergeValueNotMap,
    ContainerEndInKey,
    Eof,
    UnexpectedSequenceEnd,
    UnexpectedMappingEnd,
    MultipleDocuments,
}

impl Kind {
    /// The message serde-saphyr prints for the errors parse.rs does not word itself.
    pub(super) fn message(&self) -> String {
        match self {
            Kind::Syntax(m) => m.clone(),
            Kind::UnknownAnchor => "alias references unknown anchor".into(),
            Kind::Recursive => "recursive references require weak recursion types".into(),
            Kind::InvalidScalar(ty) => format!("invalid {ty}"),
            Kind::InvalidBinaryBase64 => "invalid !!binary base64".into(),
            Kind::BinaryNotUtf8 => "!!binary scalar is not valid UTF-8 so cannot be stored into string. If you just use !!binary for documentation/annotation, set ignore_binary_tag_for_string in Options".into(),
            Kind::TaggedScalarIntoString => "cannot deserialize tagged scalar into string".into(),
            Kind::UnsupportedTag(tag) => format!("unsupported tag `{tag}`"),
            Kind::UnsupportedIncludeForm => {
                "!include currently only supports the scalar form: !include <path>".into()
            }
            Kind::MergeValueNotMap => {
                "YAML merge value must be mapping or sequence of mappings".into()
            }
            Kind::ContainerEndInKey => "unexpected container end while reading key".into(),
            Kind::Eof => "unexpected end of input".into(),
            Kind::UnexpectedSequenceEnd => "unexpected sequence end".into(),
            Kind::UnexpectedMappingEnd => "unexpected mapping end".into(),
            Kind::MultipleDocuments => "multiple YAML documents detected; use from_str_multiple or from_str_multiple_with_options".into(),
            Kind::Budget(_) | Kind::ReplayLimit | Kind::ReplayDepth => {
                "the YAML exceeds the parser's budget".into()
            }
        }
    }
}

/// An error and where it points. `alias` is serde-saphyr's `AliasError` wrapper: an error
/// inside a value reached through an alias points at the alias (`reference`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct YamlError {
    pub(super) kind: Kind,
    loc: Option<Pos>,
    alias: Option<(Loc, Loc)>,
}

impl YamlError {
    #[cold]
    fn at(kind: Kind, loc: Option<Loc>) -> Box<YamlError> {
        Box::new(YamlError {
            kind,
            loc: loc.map(|l| Pos::Byte(l.start as usize)),
            alias: None,
        })
    }

    /// The position of the label.
    pub(super) fn pos(&self) -> Option<Pos> {
        match self.alias {
            Some((reference, _)) => Some(Pos::Byte(reference.start as usize)),
            None => self.loc,
        }
    }

    fn has_location(&self) -> bool {
        self.alias.is_some() || self.loc.is_some()
    }
}

/// serde-saphyr's `attach_alias_locations_if_missing`: how an error raised inside a sequence
/// item or mapping value gets the alias it was reached through.
fn attach(
    mut e: Box<YamlError>,
    alias_reference: Option<Loc>,
    defined: Option<Loc>,
) -> Box<YamlError> {
    let reference = alias_reference.or(defined);
    match (reference, defined) {
        (Some(r), Some(d)) if r != d => {
            // Alias replay never nests (an anchor's recording holds no aliases), so an error
            // carries at most one alias: keep it, with the latest definition site.
            match &mut e.alias {
                Some((er, ed)) if *er == r => *ed = d,
                Some(_) => {}
                None => e.alias = Some((r, d)),
            }
            e
        }
        _ if e.has_location() => e,
        _ => {
            e.loc = reference.map(|l| Pos::Byte(l.start as usize));
            e
        }
    }
}

/// Errors are boxed: the `Ok` path, taken for every event, stays small.
type Res<T> = Result<T, Box<YamlError>>;

/// serde-saphyr's `SfTag`: what a tag means to it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum SfTag {
    None,
    Int,
    Float,
    Bool,
    Null,
    Seq,
    Map,
    TimeStamp,
    Time,
    Binary,
    String,
    Merge,
    Value,
    NonSpecific,
    Include,
    Degrees,
    Radians,
    Other,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum NodeKind {
    Scalar,
    Sequence,
    Mapping,
}

impl SfTag {
    /// `SfTag::from_optional_cow`.
    fn of(tag: Option<&Tag>) -> SfTag {
        let Some(tag) = tag else {
            return SfTag::None;
        };
        for prefix in [
            "!include",
            "tag:yaml.org,2002:include",
            "tag:yaml.org,2002:!include",
        ] {
            if tag
                .suffix_in_namespace(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
            {
                return SfTag::Include;
            }
        }
        if let Some(core) = tag.core_suffix().and_then(core_suffix) {
            return core;
        }
        match tag.suffix_in_namespace(YAML_NS).as_deref() {
            Some("merge") => return SfTag::Merge,
            Some("value") => return SfTag::Value,
            _ => {}
        }
        // `tag_to_sf_tag`.
        if let Some(suffix) = tag.suffix_in_namespace(YAML_NS) {
            return tag_name(suffix.strip_prefix('!').unwrap_or(&suffix));
        }
        let Some(suffix) = tag.suffix_in_namespace("!") else {
            return SfTag::Other;
        };
        match suffix.as_ref() {
            "" | "!" => SfTag::NonSpecific,
            "!timestamp" => SfTag::TimeStamp,
            "!binary" => SfTag::Binary,
            name => match name.strip_prefix('!') {
                Some(name) => core_suffix(name).unwrap_or(SfTag::Other),
                None => tag_name(name),
            },
        }
    }

    fn requires(self) -> Option<NodeKind> {
        match self {
            SfTag::Seq => Some(NodeKind::Sequence),
            SfTag::Map => Some(NodeKind::Mapping),
            SfTag::None | SfTag::NonSpecific | SfTag::Other => None,
            _ => Some(NodeKind::Scalar),
        }
    }

    fn forces_string(self) -> bool {
        matches!(self, SfTag::String | SfTag::NonSpecific)
    }

    fn is_robotics(self) -> bool {
        matches!(self, SfTag::Time | SfTag::Degrees | SfTag::Radians)
    }

    fn can_parse_into_string(self) -> bool {
        matches!(
            self,
            SfTag::None
                | SfTag::String
                | SfTag::Merge
                | SfTag::Value
                | SfTag::Other
                | SfTag::Include
                | SfTag::NonSpecific
        )
    }

    fn is_core(self) -> bool {
        matches!(
            self,
            SfTag::Int
                | SfTag::Float
                | SfTag::Bool
                | SfTag::Null
                | SfTag::Seq
                | SfTag::Map
                | SfTag::String
        )
    }
}

fn tag_name(name: &str) -> SfTag {
    match name {
        "int" => SfTag::Int,
        "float" => SfTag::Float,
        "bool" => SfTag::Bool,
        "null" => SfTag::Null,
        "seq" => SfTag::Seq,
        "map" => SfTag::Map,
        "str" => SfTag::String,
        "timestamp" => SfTag::TimeStamp,
        "time" => SfTag::Time,
        "binary" => SfTag::Binary,
        "include" => SfTag::Include,
        "degrees" => SfTag::Degrees,
        "radians" => SfTag::Radians,
        _ => SfTag::Other,
    }
}

fn core_suffix(suffix: &str) -> Option<SfTag> {
    Some(match suffix {
        "null" => SfTag::Null,
        "bool" => SfTag::Bool,
        "int" => SfTag::Int,
        "float" => SfTag::Float,
        "map" => SfTag::Map,
        "seq" => SfTag::Seq,
        "str" => SfTag::String,
        _ => return None,
    })
}

fn is_merge_tag(tag: &Tag) -> bool {
    tag.suffix_in_namespace(YAML_NS)
        .is_some_and(|suffix| suffix == "merge")
}

/// One event as the builder sees it (serde-saphyr's `Ev`).
#[derive(Clone, Debug)]
enum Ev<'a> {
    Scalar {
        value: Cow<'a, str>,
        tag: SfTag,
        /// The tag's resolved spelling (`Tag`'s `Display`), when tagged.
        raw_tag: Option<Rc<str>>,
        style: ScalarStyle,
        loc: Loc,
    },
    SeqStart {
        tag: SfTag,
        raw_tag: Option<Rc<str>>,
        loc: Loc,
    },
    SeqEnd {
        loc: Loc,
    },
    MapStart {
        tag: SfTag,
        raw_tag: Option<Rc<str>>,
        loc: Loc,
    },
    MapEnd {
        loc: Loc,
    },
    /// An alias to an anchor whose node is still open.
    RecursiveAlias {
        anchor: usize,
        loc: Loc,
    },
    /// A replayed event already consumed.
    Taken {
        loc: Loc,
    },
}

impl Ev<'_> {
    fn loc(&self) -> Loc {
        match self {
            Ev::Scalar { loc, .. }
            | Ev::SeqStart { loc, .. }
            | Ev::SeqEnd { loc }
            | Ev::MapStart { loc, .. }
            | Ev::MapEnd { loc }
            | Ev::RecursiveAlias { loc, .. }
            | Ev::Taken { loc } => *loc,
        }
    }

    /// Bytes a copy of this event owns (what the recorded-anchor budget counts).
    fn owned_payload_bytes(&self) -> usize {
        match self {
            Ev::Scalar { value, raw_tag, .. } => {
                let value = match value {
                    Cow::Borrowed(_) => 0,
                    Cow::Owned(v) => v.len(),
                };
                value.saturating_add(raw_tag.as_deref().map_or(0, str::len))
            }
            Ev::SeqStart { raw_tag, .. } | Ev::MapStart { raw_tag, .. } => {
                raw_tag.as_deref().map_or(0, str::len)
            }
            _ => 0,
        }
    }
}

/// What the next event is, without borrowing it.
#[derive(Clone, Copy, Debug)]
enum Peek {
    Scalar { loc: Loc, null: bool },
    SeqStart(Loc),
    SeqEnd(Loc),
    MapStart(Loc),
    MapEnd(Loc),
    Recursive(Loc),
    None,
}

impl Peek {
    fn of(ev: Option<&Ev<'_>>) -> Peek {
        match ev {
            Some(Ev::Scalar {
                value,
                tag,
                style,
                loc,
                ..
            }) => Peek::Scalar {
                loc: *loc,
                null: scalar_is_null(*tag, value, *style),
            },
            Some(Ev::SeqStart { loc, .. }) => Peek::SeqStart(*loc),
            Some(Ev::SeqEnd { loc }) => Peek::SeqEnd(*loc),
            Some(Ev::MapStart { loc, .. }) => Peek::MapStart(*loc),
            Some(Ev::MapEnd { loc }) => Peek::MapEnd(*loc),
            // A consumed event is never peeked; were it, it is as unusable as a recursive alias.
            Some(Ev::RecursiveAlias { loc, .. } | Ev::Taken { loc }) => Peek::Recursive(*loc),
            None => Peek::None,
        }
    }

    fn loc(self) -> Option<Loc> {
        match self {
            Peek::Scalar { loc, .. }
            | Peek::SeqStart(loc)
            | Peek::SeqEnd(loc)
            | Peek::MapStart(loc)
            | Peek::MapEnd(loc)
            | Peek::Recursive(loc) => Some(loc),
            Peek::None => None,
        }
    }
}

/// Where a node came from: read directly, replayed from an alias, or merged by `<<`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Direct,
    Alias(Loc),
    Merge(Loc),
}

/// An event read, with what serde-saphyr's `reference_location` and
/// `alias_reference_location` said about it just before it was read.
struct Taken<'a> {
    ev: Ev<'a>,
    reference: Option<Loc>,
    alias: Option<Loc>,
}

/// serde-saphyr's `Events`: a stream of events the builder reads.
trait Src<'a> {
    /// `peek`, `reference_location`, `alias_reference_location` and `next` in one step.
    fn take(&mut self) -> Res<Option<Taken<'a>>>;
    /// Puts back what `take` returned.
    fn untake(&mut self, taken: Taken<'a>);
    fn peek(&mut self) -> Res<Peek>;
    fn next(&mut self) -> Res<Option<Ev<'a>>>;
    fn last_location(&self) -> Option<Loc>;
    fn reference_location(&self) -> Option<Loc>;
    fn node_origin(&self) -> Origin;
    fn defer_recursive_aliases(&mut self, defer: bool) -> bool;
    fn alias_reference_location(&self) -> Option<Loc> {
        match self.node_origin() {
            Origin::Alias(loc) => Some(loc),
            Origin::Direct | Origin::Merge(_) => None,
        }
    }
}

/// serde-saphyr's `BudgetEnforcer`, with parse.rs's limits.
#[derive(Default)]
struct Budget {
    events: usize,
    aliases: usize,
    anchors: usize,
    recorded_events: usize,
    recorded_bytes: usize,
    documents: usize,
    nodes: usize,
    depth: usize,
    max_depth: usize,
    scalar_bytes: usize,
    merge_keys: usize,
    /// Open collections: (is a mapping, expecting a key, is a mapping value).
    containers: Vec<(bool, bool, bool)>,
}

impl Budget {
    fn event(&mut self) -> Result<(), Breach> {
        self.events += 1;
        if self.events > MAX_EVENTS {
            return Err(Breach::Events);
        }
        Ok(())
    }

    fn scalar(
        &mut self,
        value: &str,
        tag_len: usize,
        anchored: bool,
        merge: bool,
    ) -> Result<(), Breach> {
        self.event()?;
        self.bump_nodes()?;
        self.bump_scalar_bytes(value.len().saturating_add(tag_len))?;
        self.record_anchor(anchored)?;
        if let Some((true, expecting_key, _)) = self.containers.last_mut() {
            if *expecting_key {
                if merge && value == "<<" {
                    self.merge_keys += 1;
                    if self.merge_keys > MAX_MERGE_KEYS {
                        return Err(Breach::MergeKeys);
                    }
                }
                *expecting_key = false;
            } else {
                self.finish_value();
            }
        }
        Ok(())
    }

    fn start(&mut self, is_map: bool, tag_len: usize, anchored: bool) -> Result<(), Breach> {
        self.event()?;
        self.bump_nodes()?;
        self.depth = self.depth.saturating_add(1);
        self.max_depth = self.max_depth.max(self.depth);
        if self.max_depth > limits::MAX_DEPTH {
            return Err(Breach::Depth);
        }
        self.bump_scalar_bytes(tag_len)?;
        let from_mapping_value = match self.containers.last_mut() {
            Some((true, expecting_key, _)) if *expecting_key => {
                *expecting_key = false;
                false
            }
            Some((true, _, _)) => true,
            _ => false,
        };
        self.containers.push((is_map, true, from_mapping_value));
        self.record_anchor(anchored)
    }

    fn end(&mut self, is_map: bool) -> Result<(), Breach> {
        self.event()?;
        self.depth = self.depth.checked_sub(1).ok_or(Breach::Unbalanced)?;
        match self.containers.pop() {
            Some((m, _, from_mapping_value)) if m == is_map => {
                if from_mapping_value {
                    self.finish_value();
                }
                Ok(())
            }
            _ => Err(Breach::Unbalanced),
        }
    }

    fn document(&mut self) -> Result<(), Breach> {
        self.event()?;
        self.documents += 1;
        if self.documents > 1 {
            return Err(Breach::Documents);
        }
        Ok(())
    }

    /// An alias read from the parser (its replayed events are counted one by one).
    fn alias(&mut self) -> Result<(), Breach> {
        self.event()?;
        self.aliases += 1;
        if self.aliases > limits::MAX_ALIASES {
            return Err(Breach::Aliases);
        }
        Ok(())
    }

    fn recorded(&mut self, owned_bytes: usize) -> Result<(), Breach> {
        self.recorded_events = self.recorded_events.saturating_add(1);
        if self.recorded_events > MAX_RECORDED_ANCHOR_EVENTS {
            return Err(Breach::RecordedAnchorEvents);
        }
        self.recorded_bytes = self.recorded_bytes.saturating_add(owned_bytes);
        if self.recorded_bytes > MAX_RECORDED_ANCHOR_BYTES {
            return Err(Breach::RecordedAnchorBytes);
        }
        Ok(())
    }

    fn bump_nodes(&mut self) -> Result<(), Breach> {
        self.nodes += 1;
        if self.nodes > limits::MAX_NODES {
            return Err(Breach::Nodes);
        }
        Ok(())
    }

    fn bump_scalar_bytes(&mut self, bytes: usize) -> Result<(), Breach> {
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        if self.scalar_bytes > limits::MAX_TOTAL_TEXT_BYTES {
            return Err(Breach::ScalarBytes);
        }
        Ok(())
    }

    fn record_anchor(&mut self, anchored: bool) -> Result<(), Breach> {
        if anchored {
            self.anchors += 1;
            if self.anchors > MAX_ANCHORS {
                return Err(Breach::Anchors);
            }
        }
        Ok(())
    }

    fn finish_value(&mut self) {
        if let Some((true, expecting_key, _)) = self.containers.last_mut() {
            *expecting_key = true;
        }
    }
}

/// `tag_display_len`: the bytes a tag adds to the scalar-bytes budget.
fn tag_len(tag: Option<&Tag>) -> usize {
    tag.map_or(0, |t| {
        let (handle, suffix) = t.parts();
        handle.len().saturating_add(suffix.len())
    })
}

/// An anchored node being recorded (its start is open).
struct RecFrame<'a> {
    id: usize,
    depth: usize,
    buf: Vec<Ev<'a>>,
}

/// An alias being replayed.
struct Inject {
    anchor: usize,
    idx: usize,
    reference: Loc,
}

/// serde-saphyr's `LiveEvents` for a string: the parser's events with aliases replayed.
struct Live<'a> {
    parser: gp::Parser<'a, StrInput<'a>>,
    /// The events of `fast.rs`, when the text is in its subset: read instead of `parser`'s.
    fast: Option<super::fast::Events<'a>>,
    look: Option<Ev<'a>>,
    /// What `look` is, worked out once.
    look_peek: Peek,
    defer: bool,
    inject: Vec<Inject>,
    anchors: Vec<Option<Rc<[Ev<'a>]>>>,
    rec: Vec<RecFrame<'a>>,
    budget: Budget,
    last: Option<Loc>,
    replayed: usize,
    produced_any: bool,
}

impl<'a> Live<'a> {
    /// A reader of `text`: the fast scanner's events while the text stays in its subset.
    fn new(text: &'a str) -> Live<'a> {
        Live {
            fast: super::fast::events(text),
            ..Live::granit(text)
        }
    }

    /// A reader of `text` by granit alone.
    fn granit(text: &'a str) -> Live<'a> {
        let options = gp::options! {
            simple_key_max_lookahead: 1024,
            flow_nesting_limit: 255,
            block_nesting_limit: 255usize.max(limits::MAX_DEPTH + 1),
            strict_indentation: false,
        };
        Live {
            parser: gp::Parser::with_options(StrInput::new(text), options),
            fast: None,
            look: None,
            look_peek: Peek::None,
            defer: false,
            inject: Vec::new(),
            anchors: Vec::new(),
            rec: Vec::new(),
            budget: Budget::default(),
            last: None,
            replayed: 0,
            produced_any: false,
        }
    }

    /// A budget breach on a replayed or recorded event points at the alias being replayed.
    fn breach_at(&self, breach: Breach, defined: Loc) -> Box<YamlError> {
        let reference = self.inject.last().map(|f| f.reference);
        attach(
            YamlError::at(Kind::Budget(breach), Some(defined)),
            reference,
            Some(defined),
        )
    }

    fn record_copy(&mut self, ev: &Ev<'a>) -> Res<()> {
        self.budget
            .recorded(ev.owned_payload_bytes())
            .map_err(|b| self.breach_at(b, ev.loc()))
    }

    /// `record`: copy an event into every open anchor recording (but the one it just opened).
    #[inline]
    fn record(&mut self, ev: &Ev<'a>, skip_last: bool) -> Res<()> {
        if self.rec.is_empty() {
            return Ok(());
        }
        self.record_all(ev, skip_last)
    }

    #[inline(never)]
    fn record_all(&mut self, ev: &Ev<'a>, skip_last: bool) -> Res<()> {
        let n = self.rec.len() - usize::from(skip_last && !self.rec.is_empty());
        for i in 0..n {
            self.record_copy(ev)?;
            self.rec[i].buf.push(ev.clone());
        }
        Ok(())
    }

    fn store_anchor(&mut self, id: usize, buf: Rc<[Ev<'a>]>) {
        if id >= self.anchors.len() {
            self.anchors.resize_with(id + 8, || None);
        }
        self.anchors[id] = Some(buf);
    }

    fn start_container(&mut self, ev: Ev<'a>, anchor: usize) -> Res<Ev<'a>> {
        for frame in &mut self.rec {
            frame.depth += 1;
        }
        if anchor != 0 {
            self.record_copy(&ev)?;
            self.rec.push(RecFrame {
                id: anchor,
                depth: 1,
                buf: vec![ev.clone()],
            });
        }
        self.record(&ev, anchor != 0)?;
        Ok(ev)
    }

    fn end_container(&mut self, ev: Ev<'a>) -> Res<Ev<'a>> {
        self.record(&ev, false)?;
        for frame in &mut self.rec {
            frame.depth = frame.depth.saturating_sub(1);
        }
        while self.rec.last().is_some_and(|f| f.depth == 0) {
            if let Some(done) = self.rec.pop() {
                self.store_anchor(done.id, done.buf.into());
            }
        }
        Ok(ev)
    }

    /// The next event from the scanner, and its span.
    fn raw(&mut self) -> Res<Option<(Event<'a>, Loc)>> {
        if let Some(fast) = &mut self.fast {
            return Ok(fast.next());
        }
        match self.parser.next() {
            Some(item) => {
                let (raw, span) = item.map_err(scan_error)?;
                Ok(Some((raw, Loc::of(&span))))
            }
            None => Ok(None),
        }
    }

    /// `next_impl`: the next event, replaying an alias first.
    fn pump(&mut self) -> Res<Option<Ev<'a>>> {
        if !self.inject.is_empty() {
            if let Some(ev) = self.replay()? {
                return Ok(Some(ev));
            }
        }
        while let Some((raw, loc)) = self.raw()? {
            let breach = |b| YamlError::at(Kind::Budget(b), Some(loc));
            let is_map = matches!(raw, Event::MappingStart(..));
            let is_document_start = matches!(raw, Event::DocumentStart(..));
            let ev = match raw {
                Event::Scalar(value, style, anchor, tag) => {
                    let t = tag.as_deref();
                    let merge = t.map_or(style == ScalarStyle::Plain, is_merge_tag);
                    self.budget
                        .scalar(&value, tag_len(t), anchor != 0, merge)
                        .map_err(breach)?;
                    let sf = SfTag::of(t);
                    check_tag(sf, t, NodeKind::Scalar, loc)?;
                    let ev = Ev::Scalar {
                        value,
                        tag: sf,
                        raw_tag: tag.map(|t| Rc::from(t.to_string())),
                        style,
                        loc,
                    };
                    self.record(&ev, false)?;
                    if anchor != 0 {
                        self.record_copy(&ev)?;
                        self.store_anchor(anchor, Rc::from([ev.clone()]));
                    }
                    ev
                }
                Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                    let t = tag.as_deref();
                    self.budget
                        .start(is_map, tag_len(t), anchor != 0)
                        .map_err(breach)?;
                    let sf = SfTag::of(t);
                    let raw_tag = t.map(|t| Rc::from(t.to_string()));
                    let ev = if is_map {
                        check_tag(sf, t, NodeKind::Mapping, loc)?;
                        Ev::MapStart {
                            tag: sf,
                            raw_tag,
                            loc,
                        }
                    } else {
                        check_tag(sf, t, NodeKind::Sequence, loc)?;
                        Ev::SeqStart {
                            tag: sf,
                            raw_tag,
                            loc,
                        }
                    };
                    self.start_container(ev, anchor)?
                }
                Event::SequenceEnd => {
                    self.budget.end(false).map_err(breach)?;
                    self.end_container(Ev::SeqEnd { loc })?
                }
                Event::MappingEnd => {
                    self.budget.end(true).map_err(breach)?;
                    self.end_container(Ev::MapEnd { loc })?
                }
                Event::Alias(anchor) => {
                    self.budget.alias().map_err(breach)?;
                    if self.inject.len() + 1 > limits::MAX_DEPTH {
                        return Err(YamlError::at(Kind::ReplayDepth, Some(loc)));
                    }
                    if self.rec.iter().any(|f| f.id == anchor) {
                        let ev = Ev::RecursiveAlias { anchor, loc };
                        self.record(&ev, false)?;
                        ev
                    } else {
                        if !matches!(self.anchors.get(anchor), Some(Some(_))) {
                            return Err(YamlError::at(Kind::UnknownAnchor, Some(loc)));
                        }
                        self.inject.push(Inject {
                            anchor,
                            idx: 0,
                            reference: loc,
                        });
                        match self.replay()? {
                            Some(ev) => return Ok(Some(ev)),
                            None => continue,
                        }
                    }
                }
                Event::DocumentStart(..) | Event::DocumentEnd => {
                    if is_document_start {
                        self.budget.document().map_err(breach)?;
                    } else {
                        self.budget.event().map_err(breach)?;
                    }
                    self.inject.clear();
                    self.rec.clear();
                    self.anchors.fill(None);
                    self.replayed = 0;
                    self.last = Some(loc);
                    continue;
                }
                Event::StreamStart | Event::StreamEnd => {
                    self.budget.event().map_err(breach)?;
                    self.last = Some(loc);
                    continue;
                }
                _ => {
                    self.budget.event().map_err(breach)?;
                    return Err(YamlError::at(
                        Kind::Syntax("unsupported event from granit-parser".into()),
                        Some(loc),
                    ));
                }
            };
            self.last = Some(loc);
            self.produced_any = true;
            return Ok(Some(ev));
        }

        // A stream with no document at all reads as one null.
        if !self.produced_any {
            self.produced_any = true;
            return Ok(Some(Ev::Scalar {
                value: Cow::Borrowed(""),
                tag: SfTag::Null,
                raw_tag: None,
                style: ScalarStyle::Plain,
                loc: self.last.unwrap_or(Loc { start: 0, len: 0 }),
            }));
        }
        Ok(None)
    }

    /// The next event of the alias being replayed, if any is left.
    #[inline(never)]
    fn replay(&mut self) -> Res<Option<Ev<'a>>> {
        while let Some(frame) = self.inject.last() {
            let ev = match self.anchors.get(frame.anchor) {
                Some(Some(buf)) => buf.get(frame.idx).cloned(),
                _ => return Err(YamlError::at(Kind::UnknownAnchor, self.last)),
            };
            let Some(ev) = ev else {
                self.inject.pop();
                continue;
            };
            if let Some(frame) = self.inject.last_mut() {
                frame.idx += 1;
            }
            let loc = ev.loc();
            self.replayed = self.replayed.saturating_add(1);
            if self.replayed > limits::MAX_ALIAS_REPLAY {
                return Err(YamlError::at(Kind::ReplayLimit, Some(loc)));
            }
            // The budget sees a replayed event untagged (but for a merge tag) and unanchored.
            let counted = match &ev {
                Ev::Scalar {
                    value, tag, style, ..
                } => {
                    let merge = *tag == SfTag::Merge;
                    let tag_bytes = if merge {
                        YAML_NS.len() + "merge".len()
                    } else {
                        0
                    };
                    let plain = *style == ScalarStyle::Plain;
                    self.budget.scalar(value, tag_bytes, false, merge || plain)
                }
                Ev::SeqStart { .. } => self.budget.start(false, 0, false),
                Ev::MapStart { .. } => self.budget.start(true, 0, false),
                Ev::SeqEnd { .. } => self.budget.end(false),
                Ev::MapEnd { .. } => self.budget.end(true),
                Ev::RecursiveAlias { .. } => self.budget.scalar("", 0, false, true),
                Ev::Taken { .. } => Ok(()),
            };
            counted.map_err(|b| self.breach_at(b, loc))?;
            self.record(&ev, false)?;
            self.last = Some(loc);
            self.produced_any = true;
            return Ok(Some(ev));
        }
        Ok(None)
    }
}

/// `ensure_supported_tag`: a scalar tag on a collection, or a collection tag on a scalar.
#[inline(always)]
fn check_tag(sf: SfTag, tag: Option<&Tag>, kind: NodeKind, loc: Loc) -> Res<()> {
    if tag.is_some() && sf.requires().is_some_and(|required| required != kind) {
        let k = if sf == SfTag::Include {
            Kind::UnsupportedIncludeForm
        } else {
            Kind::UnsupportedTag(tag.map_or_else(String::new, Tag::original))
        };
        return Err(YamlError::at(k, Some(loc)));
    }
    Ok(())
}

/// `Error::from_scan_error`: the parser's message at its line and column.
#[cold]
fn scan_error(e: gp::ScanError) -> Box<YamlError> {
    let mark = e.marker();
    let kind = match e.kind() {
        gp::ErrorKind::UnknownAnchor => Kind::UnknownAnchor,
        _ => Kind::Syntax(e.info()),
    };
    Box::new(YamlError {
        kind,
        loc: Some(Pos::LineCol(mark.line(), mark.col() + 1)),
        alias: None,
    })
}

fn recursive_check(ev: Option<&Ev<'_>>, defer: bool) -> Res<()> {
    match ev {
        Some(Ev::RecursiveAlias { loc, .. }) if !defer => {
            Err(YamlError::at(Kind::Recursive, Some(*loc)))
        }
        _ => Ok(()),
    }
}

impl<'a> Src<'a> for Live<'a> {
    fn take(&mut self) -> Res<Option<Taken<'a>>> {
        let ev = match self.look.take() {
            Some(ev) => ev,
            None => match self.pump()? {
                Some(ev) => ev,
                None => return Ok(None),
            },
        };
        recursive_check(Some(&ev), self.defer)?;
        let loc = ev.loc();
        self.last = Some(loc);
        let (reference, alias) = match self.inject.last() {
            Some(frame) => (frame.reference, Some(frame.reference)),
            None => (loc, None),
        };
        Ok(Some(Taken {
            ev,
            reference: Some(reference),
            alias,
        }))
    }

    fn untake(&mut self, taken: Taken<'a>) {
        self.look_peek = Peek::of(Some(&taken.ev));
        self.look = Some(taken.ev);
    }

    fn peek(&mut self) -> Res<Peek> {
        if self.look.is_none() {
            self.look = self.pump()?;
            self.look_peek = Peek::of(self.look.as_ref());
        }
        let peek = self.look_peek;
        match peek {
            Peek::Recursive(loc) if !self.defer => {
                return Err(YamlError::at(Kind::Recursive, Some(loc)));
            }
            _ => {}
        }
        if let Some(loc) = peek.loc() {
            self.last = Some(loc);
        }
        Ok(peek)
    }

    fn next(&mut self) -> Res<Option<Ev<'a>>> {
        let ev = match self.look.take() {
            Some(ev) => {
                self.last = Some(ev.loc());
                Some(ev)
            }
            None => self.pump()?,
        };
        recursive_check(ev.as_ref(), self.defer)?;
        Ok(ev)
    }

    fn last_location(&self) -> Option<Loc> {
        self.last
    }

    fn reference_location(&self) -> Option<Loc> {
        if let Some(frame) = self.inject.last() {
            return Some(frame.reference);
        }
        self.look.as_ref().map(Ev::loc).or(self.last)
    }

    fn node_origin(&self) -> Origin {
        self.inject
            .last()
            .map_or(Origin::Direct, |f| Origin::Alias(f.reference))
    }

    fn defer_recursive_aliases(&mut self, defer: bool) -> bool {
        std::mem::replace(&mut self.defer, defer)
    }
}

/// A captured node, replayed (serde-saphyr's `ReplayEvents`).
struct Replay<'a> {
    buf: Vec<(Ev<'a>, Origin)>,
    idx: usize,
    reference: Option<Loc>,
    defer: bool,
}

impl<'a> Replay<'a> {
    fn new(buf: Vec<(Ev<'a>, Origin)>, reference: Option<Loc>) -> Replay<'a> {
        Replay {
            buf,
            idx: 0,
            reference,
            defer: false,
        }
    }
}

impl<'a> Src<'a> for Replay<'a> {
    fn take(&mut self) -> Res<Option<Taken<'a>>> {
        if self.idx >= self.buf.len() {
            return Ok(None);
        }
        let reference = self.reference_location();
        let alias = self.alias_reference_location();
        Ok(self.next()?.map(|ev| Taken {
            ev,
            reference,
            alias,
        }))
    }

    fn untake(&mut self, taken: Taken<'a>) {
        self.idx -= 1;
        self.buf[self.idx].0 = taken.ev;
    }

    fn peek(&mut self) -> Res<Peek> {
        let ev = self.buf.get(self.idx).map(|(ev, _)| ev);
        recursive_check(ev, self.defer)?;
        Ok(Peek::of(ev))
    }

    fn next(&mut self) -> Res<Option<Ev<'a>>> {
        let Some((ev, _)) = self.buf.get_mut(self.idx) else {
            return Ok(None);
        };
        recursive_check(Some(ev), self.defer)?;
        let loc = ev.loc();
        let ev = std::mem::replace(ev, Ev::Taken { loc });
        self.idx += 1;
        Ok(Some(ev))
    }

    fn last_location(&self) -> Option<Loc> {
        self.buf
            .get(self.idx.saturating_sub(1))
            .map(|(ev, _)| ev.loc())
    }

    fn reference_location(&self) -> Option<Loc> {
        match self.node_origin() {
            Origin::Alias(loc) | Origin::Merge(loc) => Some(loc),
            Origin::Direct => self
                .buf
                .get(self.idx)
                .map(|(ev, _)| ev.loc())
                .or_else(|| self.last_location()),
        }
    }

    fn node_origin(&self) -> Origin {
        let origin = self.buf.get(self.idx).map_or(Origin::Direct, |(_, o)| *o);
        match (origin, self.reference) {
            (Origin::Alias(_), _) => origin,
            (_, Some(reference)) => Origin::Merge(reference),
            (_, None) => origin,
        }
    }

    fn defer_recursive_aliases(&mut self, defer: bool) -> bool {
        std::mem::replace(&mut self.defer, defer)
    }
}

/// serde-saphyr's `CanonicalKeyTag`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyTag {
    Semantic(SfTag),
    Custom(Rc<str>),
}

fn key_tag(tag: SfTag, raw_tag: Option<&Rc<str>>, implicit: SfTag) -> KeyTag {
    let custom = tag == SfTag::Other
        || (implicit == SfTag::Map && tag == SfTag::Map && raw_tag.is_some_and(|r| &**r == "!map"));
    if let Some(raw) = raw_tag.filter(|_| custom) {
        return KeyTag::Custom(raw.clone());
    }
    KeyTag::Semantic(if matches!(tag, SfTag::None | SfTag::NonSpecific) {
        implicit
    } else if implicit == SfTag::String && tag.can_parse_into_string() {
        SfTag::String
    } else {
        tag
    })
}

/// serde-saphyr's `KeyFingerprint`: which merged keys a mapping already has.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Fp<'a> {
    RecursiveAlias(usize),
    Integer(bool, u128),
    Scalar(Cow<'a, str>, KeyTag),
    Seq(KeyTag, Vec<Fp<'a>>),
    Map(KeyTag, Vec<(Fp<'a>, Fp<'a>)>),
}

fn scalar_fp<'a>(
    value: &Cow<'a, str>,
    tag: SfTag,
    raw_tag: Option<&Rc<str>>,
    style: ScalarStyle,
) -> Fp<'a> {
    if tag == SfTag::Int || (tag == SfTag::None && style == ScalarStyle::Plain) {
        let t = yaml_trim(value);
        let int = if t.starts_with('-') {
            parse_int_signed(t).map(|v| (v < 0, v.unsigned_abs()))
        } else {
            parse_int_unsigned(t).map(|v| (false, v))
        };
        if let Some((negative, magnitude)) = int {
            return Fp::Integer(negative, magnitude);
        }
    }
    let tag = if tag == SfTag::None && scalar_is_null(tag, value, style) {
        SfTag::Null
    } else {
        tag
    };
    Fp::Scalar(value.clone(), key_tag(tag, raw_tag, SfTag::String))
}

/// A key or value captured whole (`KeyNode`): its events, fingerprint and first location.
struct Captured<'a> {
    events: Vec<(Ev<'a>, Origin)>,
    fp: Fp<'a>,
    loc: Loc,
}

impl Captured<'_> {
    fn is_merge_key(&self) -> bool {
        matches!(self.events.as_slice(), [(ev, _)] if is_merge_key_event(ev))
    }
}

fn is_merge_key_event(ev: &Ev<'_>) -> bool {
    matches!(ev, Ev::Scalar { value, tag, style, .. }
        if value == "<<" && (*tag == SfTag::Merge || (*tag == SfTag::None && *style == ScalarStyle::Plain)))
}

/// `capture_node`: read one whole node into a buffer, recursive aliases deferred.
fn capture<'a, S: Src<'a>>(s: &mut S) -> Res<Captured<'a>> {
    let previous = s.defer_recursive_aliases(true);
    let result = capture_inner(s);
    s.defer_recursive_aliases(previous);
    result
}

fn capture_inner<'a, S: Src<'a>>(s: &mut S) -> Res<Captured<'a>> {
    s.peek()?;
    let origin = s.node_origin();
    let Some(ev) = s.next()? else {
        return Err(YamlError::at(Kind::Eof, s.last_location()));
    };
    let loc = ev.loc();
    match ev {
        Ev::RecursiveAlias { anchor, .. } => Ok(Captured {
            fp: Fp::RecursiveAlias(anchor),
            events: vec![(ev, origin)],
            loc,
        }),
        Ev::Scalar {
            ref value,
            tag,
            ref raw_tag,
            style,
            ..
        } => {
            let fp = scalar_fp(value, tag, raw_tag.as_ref(), style);
            Ok(Captured {
                fp,
                events: vec![(ev, origin)],
                loc,
            })
        }
        Ev::SeqStart {
            tag, ref raw_tag, ..
        }
        | Ev::MapStart {
            tag, ref raw_tag, ..
        } => {
            let is_map = matches!(ev, Ev::MapStart { .. });
            let tag = key_tag(
                tag,
                raw_tag.as_ref(),
                if is_map { SfTag::Map } else { SfTag::Seq },
            );
            let mut events = vec![(ev, origin)];
            let mut elements = Vec::new();
            let mut entries = Vec::new();
            loop {
                match s.peek()? {
                    Peek::SeqEnd(_) | Peek::MapEnd(_) => {
                        let end_origin = s.node_origin();
                        if let Some(end) = s.next()? {
                            events.push((end, end_origin));
                        }
                        break;
                    }
                    Peek::None => return Err(YamlError::at(Kind::Eof, s.last_location())),
                    _ => {
                        let child = capture_inner(s)?;
                        events.extend(child.events);
                        if is_map {
                            let value = capture_inner(s)?;
                            events.extend(value.events);
                            entries.push((child.fp, value.fp));
                        } else {
                            elements.push(child.fp);
                        }
                    }
                }
            }
            let fp = if is_map {
                entries.sort();
                Fp::Map(tag, entries)
            } else {
                Fp::Seq(tag, elements)
            };
            Ok(Captured { events, fp, loc })
        }
        Ev::SeqEnd { .. } | Ev::MapEnd { .. } | Ev::Taken { .. } => {
            Err(YamlError::at(Kind::ContainerEndInKey, Some(loc)))
        }
    }
}

/// A key/value pair a merge key brings in (`PendingEntry`).
struct Pending<'a> {
    key: Captured<'a>,
    value: Captured<'a>,
}

/// `pending_entries_from_live_events`: the entries of a merge value (a mapping, a list of
/// mappings, or null).
fn merge_entries<'a, S: Src<'a>>(s: &mut S, reference: Option<Loc>) -> Res<Vec<Pending<'a>>> {
    match s.peek()? {
        Peek::Scalar { null: true, .. } => {
            s.next()?;
            Ok(Vec::new())
        }
        Peek::MapStart(_) => {
            let node = capture(s)?;
            entries_from_events(node.events, node.loc, reference)
        }
        Peek::SeqStart(_) => merge_list(s),
        Peek::Recursive(loc) => Err(YamlError::at(Kind::Recursive, Some(loc))),
        Peek::None => Err(YamlError::at(Kind::Eof, s.last_location())),
        other => Err(YamlError::at(Kind::MergeValueNotMap, other.loc())),
    }
}

/// The entries of a list of merge mappings (`<<: [*a, *b]`), its start peeked, in order.
fn merge_list<'a, S: Src<'a>>(s: &mut S) -> Res<Vec<Pending<'a>>> {
    s.next()?;
    let mut merged = Vec::new();
    loop {
        match s.peek()? {
            Peek::SeqEnd(_) => {
                s.next()?;
                return Ok(merged);
            }
            Peek::None => return Err(YamlError::at(Kind::Eof, s.last_location())),
            _ => {
                let element_reference = s.reference_location();
                let element = capture(s)?;
                merged.extend(entries_from_events(
                    element.events,
                    element.loc,
                    element_reference,
                )?);
            }
        }
    }
}

/// `pending_entries_from_events`: the same, for a captured merge value.
fn entries_from_events<'a>(
    events: Vec<(Ev<'a>, Origin)>,
    location: Loc,
    reference: Option<Loc>,
) -> Res<Vec<Pending<'a>>> {
    let mut r = Replay::new(events, Some(reference.unwrap_or(location)));
    match r.peek()? {
        Peek::Scalar { null: true, .. } => Ok(Vec::new()),
        Peek::MapStart(_) => {
            r.next()?;
            let mut fields = Vec::new();
            let mut merges = Vec::new();
            loop {
                match r.peek()? {
                    Peek::MapEnd(_) => {
                        r.next()?;
                        break;
                    }
                    Peek::None => return Err(YamlError::at(Kind::Eof, r.last_location())),
                    _ => {
                        let key = capture(&mut r)?;
                        if key.is_merge_key() {
                            r.peek()?;
                            let nested_reference = r.reference_location();
                            merges.push(merge_entries(&mut r, nested_reference)?);
                            continue;
                        }
                        let value = capture(&mut r)?;
                        fields.push(Pending { key, value });
                    }
                }
            }
            fields.extend(merges.into_iter().flatten());
            Ok(fields)
        }
        Peek::SeqStart(_) => merge_list(&mut r),
        Peek::None => Err(YamlError::at(Kind::Eof, Some(location))),
        other => Err(YamlError::at(Kind::MergeValueNotMap, other.loc())),
    }
}

/// What a mapping remembers of each explicit key, to drop merged keys it already has.
enum KeySeen<'a> {
    Scalar(Cow<'a, str>, SfTag, Option<Rc<str>>, ScalarStyle),
    Fp(Fp<'a>),
}

impl<'a> KeySeen<'a> {
    fn fp(&self) -> Fp<'a> {
        match self {
            KeySeen::Scalar(value, tag, raw_tag, style) => {
                scalar_fp(value, *tag, raw_tag.as_ref(), *style)
            }
            KeySeen::Fp(fp) => fp.clone(),
        }
    }
}

/// The builder's scratch: the keys of the mappings being read, innermost last.
#[derive(Default)]
struct Keys<'a> {
    seen: Vec<KeySeen<'a>>,
}

/// One node with its span (`Spanned<Raw>`).
fn node<'a, S: Src<'a>>(s: &mut S, keys: &mut Keys<'a>, depth: usize) -> Res<Node> {
    match s.take()? {
        Some(taken) => node_from(s, taken, keys, depth),
        None => Ok(Node {
            value: Value::Null,
            span: Loc::span(s.reference_location()),
        }),
    }
}

/// The node that starts with `taken`, already read from `s`.
fn node_from<'a, S: Src<'a>>(
    s: &mut S,
    taken: Taken<'a>,
    keys: &mut Keys<'a>,
    depth: usize,
) -> Res<Node> {
    let span = Loc::span(taken.reference);
    let value = match taken.ev {
        Ev::Scalar {
            value,
            tag,
            style,
            loc,
            ..
        } => scalar(value, tag, style, loc)?,
        Ev::SeqStart { loc, .. } => seq(s, keys, depth, loc)?,
        Ev::MapStart { loc, .. } => map(s, keys, depth, loc)?,
        Ev::RecursiveAlias { loc, .. } | Ev::Taken { loc } => {
            return Err(YamlError::at(Kind::Recursive, Some(loc)));
        }
        Ev::SeqEnd { loc } => return Err(YamlError::at(Kind::UnexpectedSequenceEnd, Some(loc))),
        Ev::MapEnd { loc } => return Err(YamlError::at(Kind::UnexpectedMappingEnd, Some(loc))),
    };
    Ok(Node { value, span })
}

/// `Cfg::enter_container`: the deserializer's own depth check.
fn enter(depth: usize, loc: Loc) -> Res<usize> {
    let depth = depth.saturating_add(1);
    if depth > limits::MAX_DEPTH {
        return Err(YamlError::at(Kind::Budget(Breach::Depth), Some(loc)));
    }
    Ok(depth)
}

/// The next event inside a collection: there always is one (its end, at least).
fn take_inside<'a, S: Src<'a>>(s: &mut S) -> Res<Taken<'a>> {
    match s.take()? {
        Some(taken) => Ok(taken),
        None => Err(YamlError::at(Kind::Eof, s.last_location())),
    }
}

/// A sequence, its start read. An error inside an item reached through an alias points at
/// the alias (an error reading an item's first event is not the item's).
fn seq<'a, S: Src<'a>>(s: &mut S, keys: &mut Keys<'a>, depth: usize, loc: Loc) -> Res<Value> {
    let depth = enter(depth, loc)?;
    let mut items = Vec::new();
    loop {
        let taken = take_inside(s)?;
        if let Ev::SeqEnd { .. } = taken.ev {
            break;
        }
        let defined = Some(taken.ev.loc());
        let alias = taken.alias;
        items.push(node_from(s, taken, keys, depth).map_err(|e| attach(e, alias, defined))?);
    }
    Ok(Value::Seq(items))
}

/// A value read from a captured node (a key, or a merged entry).
fn replayed<'a>(captured: Captured<'a>, keys: &mut Keys<'a>, depth: usize) -> Res<Node> {
    let loc = captured.loc;
    let mut r = Replay::new(captured.events, None);
    node(&mut r, keys, depth).map_err(|mut e| {
        if !e.has_location() {
            e.loc = Some(Pos::Byte(loc.start as usize));
        }
        e
    })
}

/// A mapping, its start read. Keys are read whole before their values; `<<` merge keys bring
/// in the entries of the mappings they name, after the explicit ones and never over them.
fn map<'a, S: Src<'a>>(s: &mut S, keys: &mut Keys<'a>, depth: usize, loc: Loc) -> Res<Value> {
    let depth = enter(depth, loc)?;
    let mut entries = Vec::new();
    let base = keys.seen.len();
    let mut merges: Vec<Vec<Pending<'a>>> = Vec::new();
    loop {
        let taken = take_inside(s)?;
        let key = match taken.ev {
            Ev::MapEnd { .. } => break,
            Ev::Scalar {
                value,
                tag,
                raw_tag,
                style,
                loc,
            } => {
                if value == "<<"
                    && (tag == SfTag::Merge || (tag == SfTag::None && style == ScalarStyle::Plain))
                {
                    s.peek()?;
                    let reference = s.reference_location();
                    let merged = merge_entries(s, reference)?;
                    if !merged.is_empty() {
                        merges.push(merged);
                    }
                    continue;
                }
                keys.seen
                    .push(KeySeen::Scalar(value.clone(), tag, raw_tag, style));
                Node {
                    value: scalar(value, tag, style, loc)?,
                    span: Loc::span(taken.reference),
                }
            }
            _ => {
                s.untake(taken);
                let captured = capture(s)?;
                keys.seen.push(KeySeen::Fp(captured.fp.clone()));
                replayed(captured, keys, depth)?
            }
        };
        let taken = take_inside(s)?;
        let defined = Some(taken.ev.loc());
        let alias = taken.alias;
        let value = node_from(s, taken, keys, depth).map_err(|e| attach(e, alias, defined))?;
        entries.push((key, value));
    }
    if !merges.is_empty() {
        let mut seen: HashSet<Fp<'a>> = keys.seen[base..].iter().map(KeySeen::fp).collect();
        for entry in merges.into_iter().flatten() {
            if seen.contains(&entry.key.fp) {
                continue;
            }
            let fp = entry.key.fp.clone();
            let key = replayed(entry.key, keys, depth)?;
            seen.insert(fp);
            let mut r = Replay::new(entry.value.events, None);
            let taken = take_inside(&mut r)?;
            let defined = Some(taken.ev.loc());
            let alias = taken.alias;
            let value =
                node_from(&mut r, taken, keys, depth).map_err(|e| attach(e, alias, defined))?;
            entries.push((key, value));
        }
    }
    keys.seen.truncate(base);
    Ok(Value::Map(entries))
}

/// `deserialize_any` for one scalar.
fn scalar(value: Cow<'_, str>, tag: SfTag, style: ScalarStyle, loc: Loc) -> Res<Value> {
    let invalid = |ty| YamlError::at(Kind::InvalidScalar(ty), Some(loc));
    match tag {
        SfTag::Null => return Ok(Value::Null),
        SfTag::Bool => {
            return parse_bool(&value)
                .map(Value::Bool)
                .ok_or_else(|| invalid("boolean"));
        }
        SfTag::Int if yaml_trim(&value).starts_with('-') => {
            return parse_int_signed(&value)
                .and_then(|v| i64::try_from(v).ok())
                .map(Value::Int)
                .ok_or_else(|| invalid("i64"));
        }
        SfTag::Int => {
            return parse_int_unsigned(&value)
                .and_then(|v| u64::try_from(v).ok())
                .map(unsigned)
                .ok_or_else(|| invalid("u64"));
        }
        SfTag::Float => {
            return parse_float(&value)
                .map(Value::Float)
                .ok_or_else(|| invalid("floating point"));
        }
        // Angle and duration tags need serde-saphyr's `robotics` feature, which is off.
        SfTag::Time | SfTag::Degrees | SfTag::Radians => return Err(invalid("floating point")),
        _ => {}
    }
    if scalar_is_null(tag, &value, style) {
        return Ok(Value::Null);
    }
    if style != ScalarStyle::Plain
        || !tag.can_parse_into_string()
        || tag == SfTag::Binary
        || tag.forces_string()
    {
        if tag == SfTag::Binary {
            let data = decode_base64(&value)
                .ok_or_else(|| YamlError::at(Kind::InvalidBinaryBase64, Some(loc)))?;
            let text = String::from_utf8(data)
                .map_err(|_| YamlError::at(Kind::BinaryNotUtf8, Some(loc)))?;
            return Ok(Value::Str(text));
        }
        if !tag.can_parse_into_string() {
            return Err(YamlError::at(Kind::TaggedScalarIntoString, Some(loc)));
        }
        return Ok(Value::Str(value.into_owned()));
    }
    // Plain and untagged (or a tag that leaves the value to be inferred): a boolean, an
    // integer, a float, or text. Only a few first bytes can start the first three.
    let t = yaml_trim(&value);
    match t.as_bytes().first() {
        Some(b't' | b'T' | b'y' | b'Y' | b'o' | b'O' | b'f' | b'F' | b'n' | b'N') => {
            if let Some(b) = parse_bool(t) {
                return Ok(Value::Bool(b));
            }
        }
        Some(b'-') => {
            let int = parse_int_signed(t).and_then(|v| i64::try_from(v).ok());
            if let Some(v) = int.filter(|_| !leading_zero_decimal(t)) {
                return Ok(Value::Int(v));
            }
            if let Some(v) = parse_float(t) {
                return Ok(Value::Float(v));
            }
        }
        Some(b'0'..=b'9' | b'+' | b'.') => {
            if let Some(v) = parse_int_unsigned(t).and_then(|v| u64::try_from(v).ok()) {
                return Ok(unsigned(v));
            }
            if let Some(v) = parse_float(t) {
                return Ok(Value::Float(v));
            }
        }
        _ => {}
    }
    Ok(Value::Str(value.into_owned()))
}

/// Our visitor's `visit_u64`: beyond `i64`, a float.
fn unsigned(v: u64) -> Value {
    i64::try_from(v).map_or(Value::Float(v as f64), Value::Int)
}

/// What `parse` does with a document: its root node, `None` for a null document.
pub(super) fn read(text: &str) -> Res<Option<Node>> {
    read_part(text).map(|(root, _)| root)
}

/// What a text's parse counted against the limits, so that the parts of a split text
/// (`split.rs`) can be held to the limits of the whole.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tally {
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
}

impl Tally {
    pub(super) fn add(&self, other: &Tally) -> Tally {
        Tally {
            events: self.events.saturating_add(other.events),
            nodes: self.nodes.saturating_add(other.nodes),
            scalar_bytes: self.scalar_bytes.saturating_add(other.scalar_bytes),
        }
    }

    /// Whether a text with these counts passes the budget. (Each part also counts its own
    /// stream and document events, so a sum can only be larger than the whole text's.)
    pub(super) fn within_limits(&self) -> bool {
        self.events <= MAX_EVENTS
            && self.nodes <= limits::MAX_NODES
            && self.scalar_bytes <= limits::MAX_TOTAL_TEXT_BYTES
    }
}

/// granit's own events for `text` and their spans, read as [`Live`] reads them; `None` at its
/// first error. What `fast.rs` is compared with.
#[cfg(test)]
pub(super) fn granit_events(text: &str) -> Option<Vec<(Event<'_>, Loc)>> {
    let live = Live::new(text);
    let mut out = Vec::new();
    for item in live.parser {
        let (raw, span) = item.ok()?;
        out.push((raw, Loc::of(&span)));
    }
    Some(out)
}

/// [`read`], with what it counted against the limits.
pub(super) fn read_part(text: &str) -> Res<(Option<Node>, Tally)> {
    let mut live = Live::new(text);
    let read = read_from(&mut live);
    if let Some(fast) = &mut live.fast {
        // An error may come before the fast scanner has read the whole text: read on, to know
        // whether all of it is in the subset, where its events are granit's. If not, whatever
        // was read is dropped and granit reads the text from the start.
        if read.is_err() {
            fast.by_ref().for_each(drop);
        }
        if fast.left_subset() {
            return read_from(&mut Live::granit(text));
        }
    }
    read
}

/// The tree `live` reads, with what it counted against the limits.
fn read_from(live: &mut Live<'_>) -> Res<(Option<Node>, Tally)> {
    let mut keys = Keys::default();
    let root = match live.peek()? {
        Peek::Scalar { null: true, .. } => {
            live.next()?;
            None
        }
        Peek::None | Peek::MapEnd(_) | Peek::SeqEnd(_) => None,
        _ => Some(node(live, &mut keys, 0)?),
    };
    // One document only: anything after it is a second document (the budget refuses it).
    match live.peek()? {
        Peek::None => Ok((
            root,
            Tally {
                events: live.budget.events,
                nodes: live.budget.nodes,
                scalar_bytes: live.budget.scalar_bytes,
            },
        )),
        _ => Err(YamlError::at(Kind::MultipleDocuments, live.last_location())),
    }
}

// Scalar resolution, as serde-saphyr's `parse_scalars`.

fn yaml_trim(s: &str) -> &str {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |i| i + 1);
    // Both ends sit next to ASCII bytes, so on character boundaries.
    s.get(start..end).unwrap_or("")
}

/// `parse_yaml11_bool`.
fn parse_bool(s: &str) -> Option<bool> {
    let t = yaml_trim(s);
    if t.len() > 5 {
        return None;
    }
    let mut lower = [0u8; 5];
    for (l, b) in lower.iter_mut().zip(t.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    match &lower[..t.len()] {
        b"true" | b"yes" | b"y" | b"on" => Some(true),
        b"false" | b"no" | b"n" | b"off" => Some(false),
        _ => None,
    }
}

fn scalar_is_null(tag: SfTag, value: &str, style: ScalarStyle) -> bool {
    tag == SfTag::Null
        || (!tag.is_core()
            && !tag.forces_string()
            && !matches!(tag, SfTag::Binary | SfTag::TimeStamp)
            && !tag.is_robotics()
            && style == ScalarStyle::Plain
            && matches!(value, "" | "~" | "null" | "Null" | "NULL"))
}

fn leading_zero_decimal(t: &str) -> bool {
    let s = yaml_trim(t);
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with single `_` separators between them, in `radix`.
fn parse_digits(digits: &str, radix: u32) -> Option<u128> {
    let bytes = digits.as_bytes();
    let mut val: u128 = 0;
    let mut saw = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let prev_ok = i > 0 && bytes[i - 1] != b'_';
            let next_ok = i + 1 < bytes.len() && bytes[i + 1] != b'_';
            if !prev_ok || !next_ok {
                return None;
            }
            continue;
        }
        let d = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'a'..=b'f' if radix > 10 => 10 + u32::from(b - b'a'),
            b'A'..=b'F' if radix > 10 => 10 + u32::from(b - b'A'),
            _ => return None,
        };
        if d >= radix {
            return None;
        }
        val = val
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(d))?;
        saw = true;
    }
    saw.then_some(val)
}

fn radix_and_digits(rest: &str) -> (u32, &str) {
    for (prefixes, radix) in [(["0x", "0X"], 16), (["0o", "0O"], 8), (["0b", "0B"], 2)] {
        if let Some(r) = rest
            .strip_prefix(prefixes[0])
            .or_else(|| rest.strip_prefix(prefixes[1]))
        {
            return (radix, r);
        }
    }
    (10, rest)
}

/// `parse_int_signed` (legacy octal off).
fn parse_int_signed(s: &str) -> Option<i128> {
    let t = yaml_trim(s);
    let (neg, rest) = match t.strip_prefix('+') {
        Some(r) => (false, r),
        None => match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t),
        },
    };
    let (radix, digits) = radix_and_digits(rest);
    if radix == 10 {
        if digits.starts_with('0') && digits != "0" {
            return None;
        }
        let mag = parse_digits(digits, 10)?;
        return if neg {
            0i128.checked_sub_unsigned(mag)
        } else {
            i128::try_from(mag).ok()
        };
    }
    let mag = parse_digits(digits, radix)?;
    if neg {
        if mag == (i128::MAX as u128) + 1 {
            Some(i128::MIN)
        } else {
            i128::try_from(mag).ok()?.checked_neg()
        }
    } else {
        i128::try_from(mag).ok()
    }
}

/// `parse_int_unsigned` (legacy octal off).
fn parse_int_unsigned(s: &str) -> Option<u128> {
    let t = yaml_trim(s);
    if t.starts_with('-') {
        return None;
    }
    let rest = t.strip_prefix('+').unwrap_or(t);
    let (radix, digits) = radix_and_digits(rest);
    if radix == 10 && digits.starts_with('0') && digits != "0" {
        return None;
    }
    parse_digits(digits, radix)
}

/// `try_parse_float_incl_overflow`: YAML 1.2 floats, `.nan`/`.inf`, and numerals beyond `f64`
/// as infinities.
fn parse_float(s: &str) -> Option<f64> {
    let t = yaml_trim(s);
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    if let Some(v) = t.parse::<f64>().ok().filter(|v| v.is_finite()) {
        return Some(v);
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if !unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_infinite() => Some(v),
        _ => None,
    }
}

/// `decode_base64_yaml`: `!!binary` text, ASCII whitespace ignored.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    fn val(b: u8) -> Option<u32> {
        Some(u32::from(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    }
    let cleaned: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if cleaned.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(cleaned.len() / 4 * 3);
    let total = cleaned.len() / 4;
    for (idx, chunk) in cleaned.chunks_exact(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 0 && idx + 1 != total {
            return None;
        }
        let a = val(chunk[0])?;
        let b = val(chunk[1])?;
        let c = match chunk[2] {
            b'=' if pad < 2 => return None,
            b'=' => 0,
            byte => val(byte)?,
        };
        let d = match chunk[3] {
            b'=' if pad == 0 => return None,
            b'=' => 0,
            byte => val(byte)?,
        };
        if (pad == 2 && (b & 0x0F) != 0) || (pad == 1 && (c & 0x03) != 0) {
            return None;
        }
        let triple = (a << 18) | (b << 12) | (c << 6) | d;
        out.push(((triple >> 16) & 0xFF) as u8);
        if pad < 2 {
            out.push(((triple >> 8) & 0xFF) as u8);
        }
        if pad < 1 {
            out.push((triple & 0xFF) as u8);
        }
    }
    Some(out)
}
