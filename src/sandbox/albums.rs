//! The albums (channels) of the sandbox's site: what `/api/album/list` lists, and what a
//! campaign's album id is checked against in sandbox mode.

/// One album of the sandbox's site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxAlbum {
    pub album_id: String,
    pub title: String,
    pub description: String,
    pub hidden: bool,
    /// 23's per-album token, shown only to `read` and above.
    pub token: String,
}

impl SandboxAlbum {
    fn new(album_id: &str, title: &str, description: &str, hidden: bool) -> Self {
        SandboxAlbum {
            album_id: album_id.to_owned(),
            title: title.to_owned(),
            description: description.to_owned(),
            hidden,
            token: format!("sandboxalbumtoken{album_id}"),
        }
    }

    /// The albums every sandbox starts with, oldest first: ids to try a campaign's album with.
    pub fn defaults() -> Vec<SandboxAlbum> {
        vec![
            SandboxAlbum::new("7", "Product videos", "Videos about the products.", false),
            SandboxAlbum::new("42", "Testimonials", "Customers tell their stories.", false),
            SandboxAlbum::new("1001", "Unlisted drafts", "Not shown on the site.", true),
        ]
    }
}
