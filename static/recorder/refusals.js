// Why a camera, microphone or screen could not be opened, in the visitor's words. The names are
// the DOMException names browsers give getUserMedia and getDisplayMedia failures.

import { t } from "../messages.js";

export function describeFailure(error, kind) {
  switch (error?.name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return t(kind === "screen" ? "rec-screen-denied" : "rec-denied");
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return t("rec-no-camera");
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return t("rec-in-use");
    case "NotSupportedError":
      return t("rec-unsupported");
    default:
      return t("rec-failed", { reason: error?.name || String(error) });
  }
}
