// The microphone's loudness as a bar, so the visitor sees they will be heard before they start.

import { el } from "../shared.js";
import { t } from "../messages.js";

export class LevelMeter {
  constructor() {
    this.element = el("meter", { class: "recorder-level", min: "0", max: "1", low: "0.1", high: "0.8", optimum: "0.5", value: "0" });
    this.element.setAttribute("aria-label", t("rec-level"));
    this.context = null;
    this.frame = 0;
    this.available = false;
  }

  // Follows the first audio track of `stream`; without one the meter hides.
  follow(stream) {
    this.stop();
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    this.available = stream.getAudioTracks().length > 0 && Boolean(AudioContextClass);
    this.element.hidden = !this.available;
    if (!this.available) return;
    this.context = new AudioContextClass();
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 512;
    this.context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      // Root mean square, scaled so speech sits mid-bar.
      this.element.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  stop() {
    cancelAnimationFrame(this.frame);
    this.context?.close().catch(() => {});
    this.context = null;
    this.element.value = 0;
  }
}
