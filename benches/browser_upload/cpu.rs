//! CPU time from `/proc`: the sandbox's, and this bench's own Chromium's, per upload.

use crate::processes::Process;

/// User and system CPU time the process used so far (`/proc/PID/stat`, in clock ticks of 10 ms).
pub fn seconds(process: &Process) -> f64 {
    stat(process.pid()).map_or(0.0, |(_, _, cpu)| cpu)
}

/// A process's command name, parent and CPU seconds so far, from `/proc/PID/stat`.
fn stat(pid: u32) -> Option<(String, u32, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, after_name) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_owned();
    // Fields after the command name (which may hold spaces), counted from `state` (field 3).
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let number = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    Some((name, number(1) as u32, (number(11) + number(12)) / 100.0))
}

/// CPU seconds used so far by this bench's Chromium processes (those below its chromedriver),
/// so other sessions' browsers on the machine are not counted.
pub fn browser_seconds() -> f64 {
    let processes: Vec<(u32, (String, u32, f64))> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .filter_map(|pid| Some((pid, stat(pid)?)))
        .collect();
    let parent = |pid: u32| processes.iter().find(|(p, _)| *p == pid).map(|(_, s)| s.1);
    let ours = |mut pid: u32| {
        while let Some(up) = parent(pid) {
            if up == std::process::id() {
                return true;
            }
            pid = up;
        }
        false
    };
    processes
        .iter()
        .filter(|(pid, (name, _, _))| {
            name.contains("chrom") && !name.contains("driver") && ours(*pid)
        })
        .map(|(_, (_, _, cpu))| cpu)
        .sum()
}
