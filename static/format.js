// Numbers as people read them. Sizes use 1024-based units with the familiar short names, as
// file managers on most systems show them, so "4 GB" here matches what the visitor sees there.

const UNITS = ["bytes", "KB", "MB", "GB", "TB"];

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits).replace(/\.0$/, "")} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond) {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return "";
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

// Speed over a sliding window: an average since the start hides stalls, a single sample jitters.
export class SpeedMeter {
  constructor(windowMs = 4000) {
    this.windowMs = windowMs;
    this.samples = [];
  }

  reset() {
    this.samples = [];
  }

  // Records that `loaded` bytes have been sent in total by now; returns bytes per second.
  sample(loaded, now = performance.now()) {
    this.samples.push({ loaded, at: now });
    while (this.samples.length > 2 && now - this.samples[0].at > this.windowMs) {
      this.samples.shift();
    }
    const first = this.samples[0];
    const elapsed = (now - first.at) / 1000;
    return elapsed > 0.2 ? (loaded - first.loaded) / elapsed : 0;
  }
}
