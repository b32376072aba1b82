//! 23's public URL layout as the visitor's browser reaches it: where the upload form posts and
//! where a video's page and thumbnails live. The only place outside the client that knows 23's
//! paths, so routes and use cases never build a 23 URL by hand.

use url::Url;

/// Links on the 23 site as the browser sees it (in sandbox mode, the emulator's mount point).
#[derive(Clone, Debug)]
pub struct SiteLinks {
    site_url: Url,
}

impl SiteLinks {
    pub fn new(site_url: Url) -> Self {
        Self { site_url }
    }

    /// The site's base URL.
    pub fn site_url(&self) -> &Url {
        &self.site_url
    }

    /// The upload form's action: the browser posts the file here, never through us.
    pub fn redeem_upload_token(&self) -> String {
        self.at("/api/photo/redeem-upload-token")
    }

    /// A video's page: 23's `one` path when it gave one, else its usual `/video/{id}`.
    pub fn video_page(&self, photo_id: i64, one: Option<&str>) -> String {
        self.absolute(one)
            .unwrap_or_else(|| self.at(&format!("/video/{photo_id}")))
    }

    /// 23 answers with root-relative paths (thumbnails, pages); make them absolute on the site.
    /// Absolute http(s) URLs pass through; anything else is dropped.
    pub fn absolute(&self, path: Option<&str>) -> Option<String> {
        let path = path.map(str::trim).filter(|p| !p.is_empty())?;
        if path.starts_with("https://") || path.starts_with("http://") {
            return Some(path.to_string());
        }
        path.starts_with('/').then(|| self.at(path))
    }

    fn at(&self, path: &str) -> String {
        format!("{}{path}", self.site_url.as_str().trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(base: &str) -> SiteLinks {
        SiteLinks::new(Url::parse(base).unwrap())
    }

    #[test]
    fn the_form_action_keeps_a_mount_prefix() {
        assert_eq!(
            links("http://127.0.0.1:9/sandbox-23/").redeem_upload_token(),
            "http://127.0.0.1:9/sandbox-23/api/photo/redeem-upload-token"
        );
    }

    #[test]
    fn a_video_page_prefers_the_path_23_gave() {
        let l = links("https://videos.example.com");
        assert_eq!(
            l.video_page(7, Some("/manage/video/7")),
            "https://videos.example.com/manage/video/7"
        );
        assert_eq!(l.video_page(7, None), "https://videos.example.com/video/7");
        assert_eq!(
            l.video_page(7, Some("  ")),
            "https://videos.example.com/video/7"
        );
    }

    #[test]
    fn only_root_relative_or_http_paths_become_links() {
        let l = links("https://videos.example.com");
        assert_eq!(l.absolute(Some("javascript:alert(1)")), None);
        assert_eq!(l.absolute(Some("relative/x.jpg")), None);
        assert_eq!(
            l.absolute(Some("https://cdn.example.com/a.jpg")).as_deref(),
            Some("https://cdn.example.com/a.jpg")
        );
    }
}
