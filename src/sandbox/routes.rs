//! Where each sandbox endpoint lives, relative to wherever the sandbox is mounted.

use std::net::TcpListener;

use actix_web::{App, HttpServer, web};

use super::{
    INDEX_ROUTE, POST_CALLBACK_SCRIPT_ROUTE, Sandbox, album_list, cors, extras, get_upload_token,
    media, photo_edit, photo_list, redeem, update_upload_token,
};

impl Sandbox {
    /// Registers every sandbox route relative to where it is mounted, plus its app_data.
    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        cfg.app_data(web::Data::new(self.clone()))
            .service(
                web::resource("/api/photo/get-upload-token")
                    .route(web::get().to(get_upload_token::handle))
                    .route(web::post().to(get_upload_token::handle)),
            )
            .service(
                web::resource("/api/photo/redeem-upload-token")
                    .route(web::post().to(redeem::handle))
                    .route(web::method(actix_web::http::Method::OPTIONS).to(cors::preflight)),
            )
            .service(
                web::resource("/api/photo/update-upload-token")
                    .route(web::get().to(update_upload_token::handle))
                    .route(web::post().to(update_upload_token::handle)),
            )
            .service(
                web::resource("/api/photo/list")
                    .route(web::get().to(photo_list::handle))
                    .route(web::post().to(photo_list::handle)),
            )
            .service(
                web::resource("/api/album/list")
                    .route(web::get().to(album_list::handle))
                    .route(web::post().to(album_list::handle)),
            )
            .service(
                web::resource(photo_edit::UPDATE_ENDPOINT)
                    .route(web::get().to(photo_edit::update_handle))
                    .route(web::post().to(photo_edit::update_handle)),
            )
            .service(
                web::resource(photo_edit::DELETE_ENDPOINT)
                    .route(web::get().to(photo_edit::delete_handle))
                    .route(web::post().to(photo_edit::delete_handle)),
            )
            .service(
                web::resource("/api/photo/get-transcoding-progress")
                    .route(web::get().to(extras::transcoding_progress))
                    .route(web::post().to(extras::transcoding_progress)),
            )
            .service(
                web::resource("/api/echo")
                    .route(web::get().to(extras::echo))
                    .route(web::post().to(extras::echo)),
            )
            .service(
                web::resource("/assets/post-callback.js")
                    .name(POST_CALLBACK_SCRIPT_ROUTE)
                    .route(web::get().to(redeem::post_callback_script)),
            )
            .service(web::resource("/video/{photo_id}").route(web::get().to(media::video_page)))
            .service(
                web::resource("/video/{photo_id}/file").route(web::get().to(media::stored_file)),
            )
            .service(
                web::resource("/{tree_id}/{photo_id}/{token}/{size}")
                    .route(web::get().to(media::thumbnail)),
            )
            .service(
                web::resource("/")
                    .name(INDEX_ROUTE)
                    .route(web::get().to(media::index_page)),
            );
    }

    /// Runs the sandbox alone on a bound listener, mounted at `/`.
    pub fn serve(&self, listener: TcpListener) -> std::io::Result<actix_web::dev::Server> {
        let sandbox = self.clone();
        let server = HttpServer::new(move || {
            let sandbox = sandbox.clone();
            App::new().configure(move |cfg| sandbox.configure(cfg))
        })
        .listen(listener)?
        .run();
        Ok(server)
    }
}
