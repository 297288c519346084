//! PNG and PDF from arbitrary blueprint bytes, at small sizes: a blueprint that renders must
//! export to both (or refuse with a message: a limit), never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = blueprint::decode("fuzz.yaml", data.to_vec()) else {
        return;
    };
    let Ok(checked) = blueprint::check(&source) else {
        return;
    };
    let options = blueprint::Options::default();
    let formats = [blueprint::Format::Png, blueprint::Format::Pdf];
    let Ok(drawn) = blueprint::render_for(&checked.value, &Default::default(), &options, &formats)
    else {
        return;
    };
    let export = blueprint::Export {
        // Small: a fuzzer's time goes into the code paths, not the pixels.
        scale: 0.1,
        ..blueprint::Export::default()
    };
    let svg = drawn.value.for_raster().to_string();
    for format in formats {
        if blueprint::raster_fits(&drawn.value.work, format, &export).is_err() {
            continue;
        }
        match blueprint::export(&svg, format, &export) {
            Ok(bytes) => assert!(!bytes.is_empty()),
            Err(m) => assert!(!m.is_empty()),
        }
    }
});
