language-name = Deutsch
language-menu = Sprache
default-site-name = Video-Uploads
default-service-name = den Videodienst
skip-to-content = Zum Inhalt springen
sandbox-mode = Sandbox-Modus.
sandbox-explained = Videos gehen an den eingebauten 23-Emulator, nicht an eine echte 23-Website.
sandbox-link = Ansehen, was er empfangen hat
nav-main = Hauptmenü
nav-new-upload = Neuer Upload
nav-my-uploads = Meine Uploads
footer = Dateien gehen direkt von Ihrem Browser an { $service }; sie laufen nie über diese Website.
for-operator = Für den Betreiber:
optional = (optional)
optional-tags = (optional, durch Leerzeichen getrennt)
field-title = Titel
field-description = Beschreibung
field-tags = Schlagwörter

date-time = { $day }. { $month } { $year }, { $time } UTC
month-1 = Jan.
month-2 = Feb.
month-3 = März
month-4 = Apr.
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = Aug.
month-9 = Sept.
month-10 = Okt.
month-11 = Nov.
month-12 = Dez.

new-upload-title = Neuer Upload
new-upload-heading = Ein Video hochladen
new-upload-lead = Beschreiben Sie zuerst Ihr Video. Auf der nächsten Seite wählen Sie die Datei.
visibility = Sichtbarkeit
publish-yes = Öffentlich, sobald es verarbeitet ist
publish-no = Noch nicht veröffentlicht (die Redaktion der Website veröffentlicht es)
new-upload-submit = Weiter: Datei wählen
error-title-missing = Geben Sie Ihrem Video einen Titel.
error-title-long = Der Titel ist zu lang (höchstens 200 Zeichen).
error-description-long = Die Beschreibung ist zu lang (höchstens 5000 Zeichen).
error-tags-long = Zu viele Schlagwörter (höchstens 500 Zeichen).
mint-rate-limited = Sie haben in der letzten Stunde viele Uploads begonnen. Bitte warten Sie ein paar Minuten, bevor Sie einen weiteren beginnen; Ihre Angaben bleiben unten erhalten.
mint-unavailable = Der Videodienst antwortet gerade nicht, daher wurde nichts hochgeladen. Ihre Angaben bleiben unten erhalten: Bitte versuchen Sie es gleich noch einmal.
mint-refused = Der Videodienst hat den Start dieses Uploads abgelehnt. Ihre Angaben bleiben unten erhalten; der Betreiber der Website wurde informiert.
mint-not-saved = Wir konnten diesen Upload gerade nicht speichern, daher wurde nichts gesendet. Ihre Angaben bleiben unten erhalten: Bitte versuchen Sie es gleich noch einmal.

send-title = Datei wählen
send-expired = Die Zeit zum Senden einer Datei für diesen Upload ist am { $time } abgelaufen. Beginnen Sie neu: Titel, Beschreibung und Schlagwörter bleiben erhalten.
send-renew = Mit denselben Angaben neu beginnen
send-complete = Dieser Upload ist abgeschlossen.
send-see-it = In Ihren Uploads ansehen
send-file-label = Videodatei
send-file-help = Die Datei geht direkt an { $service }.
send-file-limit = Dateien bis { $size } pro Datei.
send-expiry = Sie können die Datei bis { $time } senden.
send-expiry-files = Sie können bis zu { $count } Dateien bis { $time } senden.
send-submit = Video hochladen
send-correct = Titel, Beschreibung oder Schlagwörter korrigieren
send-save-details = Angaben speichern

history-title = Meine Uploads
history-empty = Noch keine Uploads.
history-upload-link = Ein Video hochladen
history-watch = Beim Videodienst ansehen
history-choose-file = Datei wählen
try-again = Erneut versuchen
history-older = Ältere Uploads
status-pending = Wartet auf die Datei
status-uploaded = Hochgeladen, wird verarbeitet
status-ready = Fertig
status-failed = Fehlgeschlagen
status-expired = Abgelaufen
status-unverified = Empfangen, Bestätigung durch { $service } steht aus

error-see-uploads = Ihre Uploads ansehen
error-start-new = Neuen Upload beginnen
error-not-found = Seite nicht gefunden
error-not-found-text = Unter dieser Adresse gibt es nichts. Vielleicht gehört sie zu den Uploads eines anderen Browsers.
error-bad-request = Diese Anfrage hat nicht funktioniert
error-out-of-date = Diese Seite war veraltet
error-moment = Bitte versuchen Sie es gleich noch einmal
error-not-answering = Der Videodienst antwortet nicht
error-not-answering-text = Der Videodienst antwortet gerade nicht. Es wurde nichts hochgeladen; bitte versuchen Sie es gleich noch einmal.
error-refused = Der Videodienst hat die Anfrage abgelehnt
error-refused-text = Der Videodienst konnte diese Anfrage nicht annehmen. Es wurde nichts hochgeladen; der Betreiber der Website wurde informiert.
error-not-saved = Das konnten wir gerade nicht speichern
error-not-saved-text = Unsere Datenbank hat nicht geantwortet. Nichts ging verloren: Laden Sie diese Seite gleich neu, um es noch einmal zu versuchen.
error-something = Etwas ist schiefgegangen
error-something-text = Diese Seite konnte nicht angezeigt werden. Bitte versuchen Sie es noch einmal.
error-stale = Diese Seite ist veraltet; laden Sie sie neu und versuchen Sie es noch einmal.
error-form-unreadable = Das Formular konnte nicht gelesen werden. Bitte gehen Sie zurück und versuchen Sie es noch einmal.
error-malformed-query = Diese Adresse enthält eine fehlerhafte Abfrage.
error-check-details = Prüfen Sie die Angaben.
error-still-checking = Der Videodienst hat nicht geantwortet; wir prüfen weiter.
error-unknown-link = Dieser Rücklink gehört zu keinem unserer Uploads, daher wurde nichts gespeichert. Wenn Sie gerade ein Video hochgeladen haben, erscheint es in Ihren Uploads, sobald der Videodienst es bestätigt.
error-altered-link = Dieser Rücklink ist unvollständig oder verändert, daher wurde nichts gespeichert. Wenn Sie gerade ein Video hochgeladen haben, erscheint es in Ihren Uploads, sobald der Videodienst es bestätigt.
error-not-confirmed = Der Videodienst führt dieses Video nicht unter Ihrem Upload, daher wurde nichts gespeichert. Wenn Sie es gerade hochgeladen haben, erscheint es in Ihren Uploads, sobald der Videodienst es bestätigt.
error-details-not-taken = Der Videodienst hat die neuen Angaben nicht übernommen; Ihr Upload ist nicht betroffen. Versuchen Sie es gleich noch einmal.
error-details-over-budget = Diese Angaben wurden in der letzten Minute mehrmals geändert. Bitte warten Sie eine Minute und speichern Sie dann erneut; Ihre Änderungen bleiben erhalten.
error-slow-body = Die Anfrage kam zu langsam an. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-stale-form = Diese Seite war veraltet oder kam nicht von dieser Website, daher wurde nichts gesendet. Prüfen Sie die Angaben unten und senden Sie sie erneut.
error-form-expired = Dieses Formular war abgelaufen oder kam nicht von dieser Website, daher wurde nichts gesendet. Prüfen Sie die Angaben unten und senden Sie sie erneut.

# Notices of an embedded frame (src/routes/embed/start.rs).
embed-not-listed = Diese Seite darf den Uploader nicht zeigen
embed-not-listed-text = Nur die Websites, die der Betreiber dieses Uploaders freigegeben hat, dürfen ihn in ihren Seiten zeigen.
embed-sign-in-failed = Wir konnten Sie nicht anmelden
embed-sign-in-retry = Laden Sie die Seite, von der Sie kamen, neu, um es erneut zu versuchen.
embed-identity-malformed = Die Website, von der Sie kamen, hat eine Anmeldung gesendet, die dieser Uploader nicht lesen kann.
embed-identity-wrong-algorithm = Die Website, von der Sie kamen, hat Sie mit einem Verfahren angemeldet, das dieser Uploader nicht akzeptiert.
embed-identity-bad-signature = Die Website, von der Sie kamen, hat eine Anmeldung gesendet, die nicht mit dem vereinbarten Schlüssel signiert war.
embed-identity-expired = Ihre Anmeldung von der Website, von der Sie kamen, ist abgelaufen.
embed-identity-too-long = Die Website, von der Sie kamen, hat eine Anmeldung gesendet, die zu lange gültig ist (höchstens eine Stunde).
embed-identity-not-yet-valid = Die Website, von der Sie kamen, hat eine Anmeldung gesendet, die noch nicht gültig ist.
embed-identity-no-user = Die Website, von der Sie kamen, hat eine Anmeldung ohne verwendbaren Benutzernamen gesendet.
embed-identity-not-accepted = Dieser Uploader akzeptiert keine Anmeldungen von anderen Websites.
embed-own-tab = Den Uploader in einem eigenen Tab öffnen
embed-own-tab-text = Ihr Browser lässt diesen Uploader Ihren Upload nicht verfolgen, solange er in einer anderen Website angezeigt wird. In einem eigenen Tab funktioniert er genauso.
embed-open-tab = Den Uploader in einem neuen Tab öffnen

## sec
# The host's identity, hardened (issue 23 §4: src/embed/identity.rs, templates/embed/frame.html).
embed-identity-wrong-audience = Die Website, von der Sie kamen, hat eine Anmeldung gesendet, die für einen anderen Dienst bestimmt ist.
embed-identity-signed-out = Die Website, von der Sie kamen, hat Sie abgemeldet; diese Anmeldung ist älter.
embed-opening = Der Uploader wird geöffnet
embed-opening-text = Der Uploader öffnet sich, sobald die Seite um ihn herum mitteilt, wer Sie sind. Wenn nichts passiert, laden Sie diese Seite neu.
## rec
send-camera-label = Kamera verwenden
send-camera-help = Öffnet die Kamera Ihres Telefons, um ein Video aufzunehmen, das dann direkt an { $service } geht.
send-camera-submit = Aufnahme senden

## flow
accepted-types = Die Website nimmt Videodateien (MP4, MOV, M4V, WebM, MKV, AVI, MPEG, 3GP) und Audiodateien (MP3, M4A, WAV, AAC, OGG, FLAC) bis je { $megabytes } MB an.
## words
# Headings of the send page by state, whose uploads the history lists, HOME_URL's link, and 23's
# refusals in the visitor's words (the original stays in /admin).
send-heading-expired = Die Zeit für diesen Upload ist abgelaufen
send-heading-sending = Ihr Video wird gesendet
send-heading-sent = Ihr Video ist gesendet
send-tab-sending = Wird gesendet
history-whose-browser = Uploads aus diesem Browser.
history-whose-account = Uploads aus Ihrem Konto.
history-remove = Entfernen
home-link = Zurück zu { $site }
service-error-type = Dieser Dateityp wird nicht unterstützt. Senden Sie eine Video- oder Audiodatei, zum Beispiel MP4, MOV, WebM oder MP3.
service-error-no-file = Es ist keine Datei angekommen. Wählen Sie die Datei erneut und senden Sie sie.
service-error-token = Die Zeit zum Senden dieser Datei war abgelaufen. Versuchen Sie es erneut: Ihre Angaben bleiben erhalten.
service-error-too-large = Die Datei ist zu groß, um angenommen zu werden.
service-error-processing = Die Datei konnte nicht verarbeitet werden. Versuchen Sie es erneut oder senden Sie eine andere Datei.
service-error-other = Die Datei wurde nicht angenommen. Versuchen Sie es erneut oder senden Sie eine andere Datei.
error-has-video = Dieser Upload hat ein Video, daher bleibt er in Ihren Uploads.
## campaign
campaign-unknown-title = Diese Sammelseite gibt es nicht
campaign-unknown-text = Prüfen Sie die Adresse, die Sie erhalten haben: Die Seite wurde vielleicht umbenannt oder entfernt.
campaign-not-open-title = Diese Sammelseite ist noch nicht geöffnet
campaign-not-open-text = Sie nimmt ab { $time } Videos an. Bitte kommen Sie dann wieder.
campaign-closed-title = Diese Sammelseite ist geschlossen
campaign-closed-text = Sie nimmt seit { $time } keine Videos mehr an. Danke für Ihr Interesse.
campaign-choose = Bitte wählen…
campaign-reviewed-first = Ihr Video wird geprüft, bevor andere es sehen können.
campaign-size-limit = Diese Seite nimmt Video- und Audiodateien bis { $size } an.
consent-terms-link = Bedingungen lesen
campaign-thanks-title = Vielen Dank!
campaign-thanks-continue = Weiter
campaign-answer-required = Bitte beantworten Sie diese Frage.
campaign-answer-tick = Setzen Sie das Häkchen, um fortzufahren.
campaign-answer-email = Schreiben Sie eine E-Mail-Adresse wie name@beispiel.de.
campaign-answer-choice = Wählen Sie eine der angebotenen Antworten.
campaign-answer-too-long = Diese Antwort ist zu lang (höchstens 200 Zeichen).
campaign-answer-too-long-long = Diese Antwort ist zu lang (höchstens 5000 Zeichen).
campaign-answer-control = Diese Antwort enthält Zeichen, die nicht gespeichert werden können.
campaign-consent-missing = Bitte setzen Sie das Häkchen zur Zustimmung, bevor Sie Ihr Video senden.
campaign-limit-reached = Sie haben bereits so viele Videos gesendet, wie diese Seite annimmt. Vielen Dank!
## mod
review-waiting = Wartet auf Freigabe
review-published = Veröffentlicht
review-not-published = Nicht veröffentlicht
review-withdrawn = Zurückgezogen
withdraw-button = Zurückziehen
withdraw-title = Dieses Video zurückziehen?
withdraw-explain = Es wird bei { $service } gelöscht und niemandem mehr gezeigt. Das lässt sich nicht rückgängig machen.
withdraw-confirm = Ja, zurückziehen
withdraw-cancel = Nein, behalten
withdraw-private-link = Privater Link zum Zurückziehen (funktioniert auf jedem Gerät)
# In a host page's frame, description, tags and visibility fold away under this until wanted.
embed-more-details = Weitere Angaben
