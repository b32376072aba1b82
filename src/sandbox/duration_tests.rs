use super::media_length;

fn file_with(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("video");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(body);
    b
}

fn mvhd_v0(timescale: u32, duration: u32) -> Vec<u8> {
    let mut body = vec![0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2];
    body.extend_from_slice(&timescale.to_be_bytes());
    body.extend_from_slice(&duration.to_be_bytes());
    body.extend_from_slice(&[0; 80]);
    mp4_box(b"mvhd", &body)
}

#[test]
fn an_mp4_tells_its_length_wherever_its_movie_header_is() {
    let ftyp = mp4_box(b"ftyp", b"isom\0\0\0\0isom");
    let mdat = mp4_box(b"mdat", &[7; 1000]);
    let moov = mp4_box(
        b"moov",
        &[mp4_box(b"trak", &[0; 20]), mvhd_v0(600, 3300)].concat(),
    );
    let (_d, at_end) = file_with(&[ftyp.clone(), mdat.clone(), moov.clone()].concat());
    assert_eq!(media_length(&at_end), Some(5.5));
    let (_d, at_start) = file_with(&[ftyp, moov, mdat].concat());
    assert_eq!(media_length(&at_start), Some(5.5));
}

#[test]
fn a_64_bit_movie_header_reads_too() {
    let mut body = vec![1, 0, 0, 0];
    body.extend_from_slice(&[0; 16]);
    body.extend_from_slice(&1000_u32.to_be_bytes());
    body.extend_from_slice(&65_000_u64.to_be_bytes());
    let moov = mp4_box(b"moov", &mp4_box(b"mvhd", &body));
    let (_d, path) = file_with(&[mp4_box(b"ftyp", b"qt  \0\0\0\0"), moov].concat());
    assert_eq!(media_length(&path), Some(65.0));
}

const EBML: [u8; 9] = [0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x86, 0x81, 0x01];
const SEGMENT: [u8; 12] = [
    0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
];
const SCALE_MS: [u8; 7] = [0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40];

fn info(children: &[u8]) -> Vec<u8> {
    let mut b = vec![0x15, 0x49, 0xA9, 0x66, 0x80 | children.len() as u8];
    b.extend_from_slice(children);
    b
}

#[test]
fn a_webm_with_a_duration_tells_it() {
    let mut duration = vec![0x44, 0x89, 0x84];
    duration.extend_from_slice(&2500.0_f32.to_be_bytes());
    let bytes = [
        &EBML[..],
        &SEGMENT,
        &info(&[&SCALE_MS[..], &duration].concat()),
    ]
    .concat();
    let (_d, path) = file_with(&bytes);
    assert_eq!(media_length(&path), Some(2.5));
}

#[test]
fn a_browser_recording_without_a_duration_is_timed_by_its_last_block() {
    let cluster = |timecode: u16, blocks: &[(i16, &[u8])]| {
        let mut b = vec![
            0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        b.extend_from_slice(&[0xE7, 0x82]);
        b.extend_from_slice(&timecode.to_be_bytes());
        for (relative, data) in blocks {
            b.extend_from_slice(&[0xA3, 0x80 | (4 + data.len()) as u8, 0x81]);
            b.extend_from_slice(&relative.to_be_bytes());
            b.push(0x80);
            b.extend_from_slice(data);
        }
        b
    };
    // The last frame's bytes happen to hold a cluster's id: it is not taken for one.
    let frame = [0x1F, 0x43, 0xB6, 0x75, 0x00, 0x00, 0x12];
    let bytes = [
        &EBML[..],
        &SEGMENT,
        &info(&SCALE_MS),
        &cluster(0, &[(0, b"a"), (33, b"b")]),
        &cluster(3000, &[(0, b"c"), (100, &frame)]),
    ]
    .concat();
    let (_d, path) = file_with(&bytes);
    assert_eq!(media_length(&path), Some(3.1));
}

#[test]
fn anything_else_has_no_length() {
    let (_d, text) = file_with(b"hello, this is not a video at all");
    assert_eq!(media_length(&text), None);
    let (_d, cut) = file_with(&mp4_box(b"ftyp", b"isom")[..10]);
    assert_eq!(media_length(&cut), None);
    let (_d, empty) = file_with(b"");
    assert_eq!(media_length(&empty), None);
}
