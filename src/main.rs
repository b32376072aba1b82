//! `upload-portal`: serve the portal (default), or run the 23 sandbox on its own.

use std::net::{SocketAddr, TcpListener};
use std::process::ExitCode;

use secrecy::ExposeSecret;
use upload_portal::config::{SandboxCommandSettings, Settings};
use upload_portal::sandbox::{Sandbox, SandboxSettings};
use upload_portal::startup::Application;
use upload_portal::telemetry;
use upload_portal::twentythree::oauth::Credentials;

const USAGE: &str = "\
Usage:
  upload-portal [serve]               Serve the portal (settings from the environment and .env)
  upload-portal check                 Check the configuration: open the database, make one signed 23 call
  upload-portal sandbox [--bind ADDR] Run only the built-in 23 emulator (default 127.0.0.1:8023)
  upload-portal --help | --version

Settings are documented in README.md. With TWENTYTHREE_URL unset the portal runs in sandbox mode.";

enum Command {
    Serve,
    Check,
    Sandbox { bind: SocketAddr },
    Help,
    Version,
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    match args {
        [] => Ok(Command::Serve),
        [cmd] if cmd == "serve" => Ok(Command::Serve),
        [cmd] if cmd == "check" => Ok(Command::Check),
        [flag] if flag == "--help" || flag == "-h" || flag == "help" => Ok(Command::Help),
        [flag] if flag == "--version" || flag == "-V" => Ok(Command::Version),
        [cmd, rest @ ..] if cmd == "sandbox" => match rest {
            [] => Ok(Command::Sandbox {
                bind: SocketAddr::from(([127, 0, 0, 1], 8023)),
            }),
            [flag, addr] if flag == "--bind" => addr
                .parse()
                .map(|bind| Command::Sandbox { bind })
                .map_err(|_| format!("--bind: '{addr}' is not an address like 127.0.0.1:8023")),
            _ => Err("sandbox takes only --bind ADDR".into()),
        },
        [other, ..] => Err(format!("unknown command '{other}'")),
    }
}

fn main() -> ExitCode {
    limit_malloc_arenas();
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => {
            eprintln!("upload-portal: could not start its runtime: {error}");
            ExitCode::FAILURE
        }
    }
}

/// glibc gives a thread that allocates while another holds the lock an arena of its own (up to
/// eight per core), and memory freed in one arena serves only that arena again. Rows decoded on
/// sqlx's SQLite worker threads and pages rendered on the HTTP workers spread the portal's
/// memory over many arenas that each keep their own free space; two hold the same work in less
/// resident memory (BENCHMARKS.md, issue 23 §2). Before any thread starts.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

async fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Err(message) => {
            eprintln!("upload-portal: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("upload-portal {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Serve) => serve().await,
        Ok(Command::Check) => check().await,
        Ok(Command::Sandbox { bind }) => sandbox(bind).await,
    }
}

async fn serve() -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("upload-portal: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let sandbox_mode = matches!(
        settings.twentythree,
        upload_portal::config::TwentyThree::Sandbox
    );
    let app = match Application::build(settings).await {
        Ok(app) => app,
        Err(error) => {
            eprintln!("upload-portal: could not start: {error:#}");
            return ExitCode::from(1);
        }
    };
    tracing::info!(url = %app.public_url(), sandbox_mode, "upload-portal is listening");
    if sandbox_mode {
        println!(
            "upload-portal: open {} (sandbox mode: uploads go to the built-in 23 emulator)",
            app.public_url()
        );
    }
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("upload-portal: server stopped with an error: {error}");
            ExitCode::from(1)
        }
    }
}

async fn check() -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("upload-portal: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    match upload_portal::check::check_configuration(&settings).await {
        Ok(report) => {
            println!("upload-portal: OK: {report}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("upload-portal: check failed: {problem}");
            ExitCode::from(1)
        }
    }
}

async fn sandbox(bind: SocketAddr) -> ExitCode {
    let settings = match SandboxCommandSettings::from_env(bind) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("upload-portal: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let generated = settings.credentials.is_none();
    let credentials = settings.credentials.unwrap_or_else(Credentials::generate);
    let listener = match TcpListener::bind(bind) {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("upload-portal: --bind: could not listen on {bind}: {error}");
            return ExitCode::from(1);
        }
    };
    let mut sandbox_settings =
        SandboxSettings::new(credentials.clone(), settings.data_dir.join("sandbox"));
    sandbox_settings.disk_quota = u64::from(settings.disk_quota_mb) << 20;
    sandbox_settings.store_max = u64::from(settings.store_max_mb) << 20;
    let started = Sandbox::new(sandbox_settings).and_then(|sandbox| Ok(sandbox.serve(listener)?));
    let server = match started {
        Ok(server) => server,
        Err(error) => {
            eprintln!("upload-portal: could not start the sandbox: {error:#}");
            return ExitCode::from(1);
        }
    };
    println!("23 sandbox listening on http://{bind}");
    if generated {
        print_client_settings(bind, &credentials);
    }
    match server.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("upload-portal: sandbox stopped with an error: {error}");
            ExitCode::from(1)
        }
    }
}

/// The settings a portal needs to use this sandbox. These are the sandbox's own throwaway
/// credentials, printed so a client can use them.
fn print_client_settings(bind: SocketAddr, credentials: &Credentials) {
    println!("Point a client at it with:");
    println!("TWENTYTHREE_URL=http://{bind}");
    println!("TWENTYTHREE_CONSUMER_KEY={}", credentials.consumer_key);
    println!(
        "TWENTYTHREE_CONSUMER_SECRET={}",
        credentials.consumer_secret.expose_secret()
    );
    println!("TWENTYTHREE_ACCESS_TOKEN={}", credentials.token);
    println!(
        "TWENTYTHREE_ACCESS_TOKEN_SECRET={}",
        credentials.token_secret.expose_secret()
    );
}
