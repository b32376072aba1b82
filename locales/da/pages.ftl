language-name = Dansk
language-menu = Sprog
default-site-name = Videouploads
default-service-name = videotjenesten
skip-to-content = Gå til indholdet
sandbox-mode = Sandkassetilstand.
sandbox-explained = Videoer sendes til den indbyggede 23-emulator, ikke til et rigtigt 23-site.
sandbox-link = Se hvad den har modtaget
nav-main = Hovedmenu
nav-new-upload = Ny upload
nav-my-uploads = Mine uploads
footer = Filer sendes direkte fra din browser til { $service }; de passerer aldrig gennem dette site.
for-operator = Til driftsansvarlig:
optional = (valgfri)
optional-tags = (valgfri, adskilt af mellemrum)
field-title = Titel
field-description = Beskrivelse
field-tags = Emneord

date-time = { $day }. { $month } { $year } kl. { $time } UTC
month-1 = jan.
month-2 = feb.
month-3 = mar.
month-4 = apr.
month-5 = maj
month-6 = jun.
month-7 = jul.
month-8 = aug.
month-9 = sep.
month-10 = okt.
month-11 = nov.
month-12 = dec.

new-upload-title = Ny upload
new-upload-heading = Upload en video
new-upload-lead = Beskriv først din video. På næste side vælger du filen.
visibility = Synlighed
publish-yes = Offentlig, når den er behandlet
publish-no = Ikke offentliggjort endnu (sitets redaktører offentliggør den)
new-upload-submit = Fortsæt: vælg filen
error-title-missing = Giv din video en titel.
error-title-long = Titlen er for lang (højst 200 tegn).
error-description-long = Beskrivelsen er for lang (højst 5000 tegn).
error-tags-long = For mange emneord (højst 500 tegn).
mint-rate-limited = Du har startet mange uploads inden for den sidste time. Vent venligst et par minutter, før du starter en ny; dine oplysninger er bevaret herunder.
mint-unavailable = Videotjenesten svarer ikke lige nu, så intet blev uploadet. Dine oplysninger er bevaret herunder: prøv igen om et øjeblik.
mint-refused = Videotjenesten afviste at starte denne upload. Dine oplysninger er bevaret herunder; sitets driftsansvarlige har fået besked.
mint-not-saved = Vi kunne ikke gemme denne upload lige nu, så intet blev sendt. Dine oplysninger er bevaret herunder: prøv igen om et øjeblik.

send-title = Vælg din fil
send-expired = Tiden til at sende en fil til denne upload udløb { $time }. Start forfra: din titel, beskrivelse og dine emneord bevares.
send-renew = Start forfra med de samme oplysninger
send-complete = Denne upload er færdig.
send-see-it = Se den blandt dine uploads
send-file-label = Videofil
send-file-help = Filen sendes direkte til { $service }.
send-file-limit = Filer på op til { $size } hver.
send-expiry = Du kan sende filen indtil { $time }.
send-expiry-files = Du kan sende op til { $count } filer indtil { $time }.
send-submit = Upload video
send-correct = Ret titel, beskrivelse eller emneord
send-save-details = Gem oplysningerne

history-title = Mine uploads
history-empty = Ingen uploads endnu.
history-upload-link = Upload en video
history-watch = Se på { $service }
history-choose-file = Vælg filen
try-again = Prøv igen
history-older = Ældre uploads
status-pending = Venter på filen
status-uploaded = Uploadet, behandles
status-ready = Klar
status-failed = Mislykkedes
status-expired = Udløbet
status-unverified = Modtaget, bekræftes af { $service }

error-see-uploads = Se dine uploads
error-start-new = Start en ny upload
error-not-found = Siden blev ikke fundet
error-not-found-text = Der er intet på denne adresse. Den hører måske til en anden browsers uploads.
error-bad-request = Den forespørgsel virkede ikke
error-out-of-date = Denne side var forældet
error-moment = Prøv igen om et øjeblik
error-not-answering = Videotjenesten svarer ikke
error-not-answering-text = Videotjenesten svarer ikke lige nu. Intet blev uploadet; prøv igen om et øjeblik.
error-refused = Videotjenesten afviste forespørgslen
error-refused-text = Videotjenesten kunne ikke modtage denne forespørgsel. Intet blev uploadet; sitets driftsansvarlige har fået besked.
error-not-saved = Vi kunne ikke gemme det lige nu
error-not-saved-text = Vores database svarede ikke. Intet gik tabt: genindlæs siden om et øjeblik for at prøve igen.
error-something = Noget gik galt
error-something-text = Denne side kunne ikke vises. Prøv igen.
error-stale = Denne side er forældet; genindlæs den og prøv igen.
error-form-unreadable = Formularen kunne ikke læses. Gå tilbage og prøv igen.
error-malformed-query = Denne adresse har en ugyldig forespørgsel.
error-check-details = Tjek oplysningerne.
error-still-checking = Videotjenesten svarede ikke; vi bliver ved med at tjekke.
error-unknown-link = Dette returlink hører ikke til nogen af vores uploads, så intet blev registreret. Hvis du lige har uploadet en video, vises den blandt dine uploads, når videotjenesten bekræfter den.
error-altered-link = Dette returlink er ufuldstændigt eller ændret, så intet blev registreret. Hvis du lige har uploadet en video, vises den blandt dine uploads, når videotjenesten bekræfter den.
error-not-confirmed = Videotjenesten viser ikke denne video under din upload, så intet blev registreret. Hvis du lige har uploadet den, vises den blandt dine uploads, når videotjenesten bekræfter den.
error-details-not-taken = Videotjenesten tog ikke imod de nye oplysninger; din upload er ikke påvirket. Prøv igen om et øjeblik.
error-details-over-budget = Oplysningerne er ændret flere gange inden for det seneste minut. Vent et minut, og gem så igen; dine ændringer er bevaret.
error-slow-body = Forespørgslen kom for langsomt frem. Tjek din forbindelse, og prøv igen.
error-stale-form = Denne side var forældet eller kom ikke fra dette site, så intet blev sendt. Tjek oplysningerne herunder, og send igen.
error-form-expired = Denne formular var udløbet eller kom ikke fra dette site, så intet blev sendt. Tjek oplysningerne herunder, og send igen.

# Notices of an embedded frame (src/routes/embed/start.rs).
embed-not-listed = Denne side må ikke vise uploaderen
embed-not-listed-text = Kun de sites, som uploaderens driftsansvarlige har godkendt, må vise den på deres sider.
embed-sign-in-failed = Vi kunne ikke logge dig ind
embed-sign-in-retry = Genindlæs siden, du kom fra, for at prøve igen.
embed-identity-malformed = Det site, du kom fra, sendte et login, som uploaderen ikke kan læse.
embed-identity-wrong-algorithm = Det site, du kom fra, loggede dig ind med en metode, som uploaderen ikke accepterer.
embed-identity-bad-signature = Det site, du kom fra, sendte et login, der ikke var signeret med den aftalte nøgle.
embed-identity-expired = Dit login fra det site, du kom fra, er udløbet.
embed-identity-too-long = Det site, du kom fra, sendte et login, der gælder for længe (højst en time).
embed-identity-not-yet-valid = Det site, du kom fra, sendte et login, der ikke gælder endnu.
embed-identity-no-user = Det site, du kom fra, sendte et login uden et brugbart brugernavn.
embed-identity-not-accepted = Uploaderen accepterer ikke login fra andre sites.
embed-own-tab = Åbn uploaderen i sin egen fane
embed-own-tab-text = Din browser lader ikke uploaderen holde styr på din upload, mens den vises inde i et andet site. Den virker på samme måde i sin egen fane.
embed-open-tab = Åbn uploaderen i en ny fane

## sec
# The host's identity, hardened (issue 23 §4: src/embed/identity.rs, templates/embed/frame.html).
embed-identity-wrong-audience = Det site, du kom fra, sendte et login, der var beregnet til en anden tjeneste.
embed-identity-signed-out = Det site, du kom fra, har logget dig ud; dette login er ældre end det.
embed-opening = Uploaderen åbnes
embed-opening-text = Uploaderen åbner, så snart siden omkring den fortæller, hvem du er. Hvis der ikke sker noget, så genindlæs den side.
## rec
send-camera-label = Brug kameraet
send-camera-help = Åbner telefonens kamera, så du kan optage en video, der derefter går direkte til { $service }.
send-camera-submit = Send optagelsen

## flow
accepted-types = Siden tager imod videofiler (MP4, MOV, M4V, WebM, MKV, AVI, MPEG, 3GP) og lydfiler (MP3, M4A, WAV, AAC, OGG, FLAC) på op til { $megabytes } MB hver.
## words
# Headings of the send page by state, whose uploads the history lists, HOME_URL's link, and 23's
# refusals in the visitor's words (the original stays in /admin).
send-heading-expired = Tiden til denne upload er gået
send-heading-sending = Sender din video
send-heading-sent = Din video er sendt
send-tab-sending = Sender
history-whose-browser = Uploads fra denne browser.
history-whose-account = Uploads fra din konto.
history-remove = Fjern
home-link = Tilbage til { $site }
service-error-type = Denne filtype understøttes ikke. Send en video- eller lydfil, for eksempel MP4, MOV, WebM eller MP3.
service-error-no-file = Der kom ingen fil frem. Vælg filen igen, og send den.
service-error-token = Tiden til at sende denne fil var gået. Prøv igen: dine oplysninger bevares.
service-error-too-large = Filen er for stor til at blive modtaget.
service-error-processing = Filen kunne ikke behandles. Prøv igen, eller send en anden fil.
service-error-other = Filen blev ikke modtaget. Prøv igen, eller send en anden fil.
error-has-video = Denne upload har en video, så den bliver i dine uploads.
## campaign
campaign-unknown-title = Denne indsamlingsside findes ikke
campaign-unknown-text = Tjek den adresse, du har fået: siden kan være omdøbt eller fjernet.
campaign-not-open-title = Denne indsamlingsside er ikke åben endnu
campaign-not-open-text = Den tager imod videoer fra { $time }. Kom gerne tilbage da.
campaign-closed-title = Denne indsamlingsside er lukket
campaign-closed-text = Den holdt op med at tage imod videoer { $time }. Tak for din interesse.
campaign-choose = Vælg…
campaign-reviewed-first = Din video bliver gennemgået, før andre kan se den.
campaign-size-limit = Denne side tager imod video- og lydfiler på op til { $size }.
consent-terms-link = Læs betingelserne
campaign-thanks-title = Tak!
campaign-thanks-continue = Fortsæt
campaign-answer-required = Besvar venligst dette spørgsmål.
campaign-answer-tick = Sæt kryds i feltet for at fortsætte.
campaign-answer-email = Skriv en e-mailadresse som navn@eksempel.dk.
campaign-answer-choice = Vælg et af de tilbudte svar.
campaign-answer-too-long = Svaret er for langt (højst 200 tegn).
campaign-answer-too-long-long = Svaret er for langt (højst 5000 tegn).
campaign-answer-control = Svaret indeholder tegn, der ikke kan gemmes.
campaign-consent-missing = Sæt kryds i feltet for at give dit samtykke, før du sender din video.
campaign-limit-reached = Du har allerede sendt så mange videoer, som denne side tager imod. Tak!
## mod
review-waiting = Afventer godkendelse
review-published = Offentliggjort
review-not-published = Ikke offentliggjort
review-withdrawn = Trukket tilbage
withdraw-button = Træk tilbage
withdraw-title = Træk denne video tilbage?
withdraw-explain = Den bliver slettet fra { $service } og vises ikke længere for nogen. Det kan ikke fortrydes.
withdraw-confirm = Ja, træk den tilbage
withdraw-cancel = Nej, behold den
withdraw-private-link = Privat link til tilbagetrækning (virker på alle enheder)
# In a host page's frame, description, tags and visibility fold away under this until wanted.
embed-more-details = Flere oplysninger
