// Numbers as people read them. Sizes use 1024-based units with the familiar short names, as
// file managers on most systems show them, so "4 GB" here matches what the visitor sees there.

import { language, t } from "./messages.js";

const UNITS = ["bytes", "unit-kb", "unit-mb", "unit-gb", "unit-tb"];

// Decimals as the page's language writes them ("1,5 GB" in Danish).
function decimal(value, digits) {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return bytes === 1 ? t("byte") : t("bytes", { count: bytes });
  const digits = value < 10 ? 1 : 0;
  return `${decimal(Number(value.toFixed(digits)), digits)} ${t(UNITS[unit])}`;
}

export function formatSpeed(bytesPerSecond) {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return "";
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 60) return t("seconds", { count: Math.max(1, Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("minutes", { count: minutes });
  return t("hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
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
