language-name = Svenska
language-menu = Språk
default-site-name = Videouppladdningar
default-service-name = videotjänsten
skip-to-content = Hoppa till innehållet
sandbox-mode = Sandlådeläge.
sandbox-explained = Videor skickas till den inbyggda 23-emulatorn, inte till en riktig 23-webbplats.
sandbox-link = Se vad den har tagit emot
nav-main = Huvudmeny
nav-new-upload = Ny uppladdning
nav-my-uploads = Mina uppladdningar
footer = Filer går direkt från din webbläsare till { $service }; de passerar aldrig genom den här webbplatsen.
for-operator = För driftansvarig:
optional = (valfritt)
optional-tags = (valfritt, åtskilda med mellanslag)
field-title = Titel
field-description = Beskrivning
field-tags = Taggar

date-time = { $day } { $month } { $year } kl. { $time } UTC
month-1 = jan.
month-2 = feb.
month-3 = mars
month-4 = apr.
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = aug.
month-9 = sep.
month-10 = okt.
month-11 = nov.
month-12 = dec.

new-upload-title = Ny uppladdning
new-upload-heading = Ladda upp en video
new-upload-lead = Beskriv först din video. På nästa sida väljer du filen.
visibility = Synlighet
publish-yes = Offentlig när den har bearbetats
publish-no = Inte publicerad än (webbplatsens redaktörer publicerar den)
new-upload-submit = Fortsätt: välj filen
error-title-missing = Ge din video en titel.
error-title-long = Titeln är för lång (högst 200 tecken).
error-description-long = Beskrivningen är för lång (högst 5000 tecken).
error-tags-long = För många taggar (högst 500 tecken).
mint-rate-limited = Du har startat många uppladdningar under den senaste timmen. Vänta några minuter innan du startar en till; dina uppgifter finns kvar nedan.
mint-unavailable = Videotjänsten svarar inte just nu, så inget laddades upp. Dina uppgifter finns kvar nedan: försök igen om en stund.
mint-refused = Videotjänsten vägrade starta den här uppladdningen. Dina uppgifter finns kvar nedan; webbplatsens driftansvarige har fått veta det.
mint-not-saved = Vi kunde inte spara den här uppladdningen just nu, så inget skickades. Dina uppgifter finns kvar nedan: försök igen om en stund.

send-title = Välj din fil
send-expired = Tiden för att skicka en fil till den här uppladdningen gick ut { $time }. Börja om: din titel, beskrivning och dina taggar finns kvar.
send-renew = Börja om med samma uppgifter
send-complete = Den här uppladdningen är klar.
send-see-it = Se den bland dina uppladdningar
send-file-label = Videofil
send-file-help = Filen går direkt till { $service }.
send-file-limit = Filer på upp till { $size } var.
send-expiry = Du kan skicka filen till { $time }.
send-expiry-files = Du kan skicka upp till { $count } filer till { $time }.
send-submit = Ladda upp video
send-correct = Rätta titel, beskrivning eller taggar
send-save-details = Spara uppgifterna

history-title = Mina uppladdningar
history-empty = Inga uppladdningar än.
history-upload-link = Ladda upp en video
history-watch = Titta på { $service }
history-choose-file = Välj filen
try-again = Försök igen
history-older = Äldre uppladdningar
status-pending = Väntar på filen
status-uploaded = Uppladdad, bearbetas
status-ready = Klar
status-failed = Misslyckades
status-expired = Utgången
status-unverified = Mottagen, bekräftas av { $service }

error-see-uploads = Se dina uppladdningar
error-start-new = Starta en ny uppladdning
error-not-found = Sidan hittades inte
error-not-found-text = Det finns inget på den här adressen. Den kanske hör till en annan webbläsares uppladdningar.
error-bad-request = Den begäran fungerade inte
error-out-of-date = Den här sidan var inaktuell
error-moment = Försök igen om en stund
error-not-answering = Videotjänsten svarar inte
error-not-answering-text = Videotjänsten svarar inte just nu. Inget laddades upp; försök igen om en stund.
error-refused = Videotjänsten avvisade begäran
error-refused-text = Videotjänsten kunde inte ta emot den här begäran. Inget laddades upp; webbplatsens driftansvarige har fått veta det.
error-not-saved = Vi kunde inte spara det just nu
error-not-saved-text = Vår databas svarade inte. Inget gick förlorat: ladda om sidan om en stund för att försöka igen.
error-something = Något gick fel
error-something-text = Den här sidan kunde inte visas. Försök igen.
error-stale = Den här sidan är inaktuell; ladda om den och försök igen.
error-form-unreadable = Formuläret kunde inte läsas. Gå tillbaka och försök igen.
error-malformed-query = Den här adressen har en felaktig fråga.
error-check-details = Kontrollera uppgifterna.
error-still-checking = Videotjänsten svarade inte; vi fortsätter att kontrollera.
error-unknown-link = Den här returlänken hör inte till någon av våra uppladdningar, så inget registrerades. Om du just laddade upp en video visas den bland dina uppladdningar när videotjänsten bekräftar den.
error-altered-link = Den här returlänken är ofullständig eller ändrad, så inget registrerades. Om du just laddade upp en video visas den bland dina uppladdningar när videotjänsten bekräftar den.
error-not-confirmed = Videotjänsten listar inte den här videon under din uppladdning, så inget registrerades. Om du just laddade upp den visas den bland dina uppladdningar när videotjänsten bekräftar den.
error-details-not-taken = Videotjänsten tog inte emot de nya uppgifterna; din uppladdning påverkas inte. Försök igen om en stund.
error-details-over-budget = Uppgifterna har ändrats flera gånger den senaste minuten. Vänta en minut och spara sedan igen; dina ändringar finns kvar.
error-slow-body = Begäran kom fram för långsamt. Kontrollera din anslutning och försök igen.
error-stale-form = Den här sidan var inaktuell eller kom inte från den här webbplatsen, så inget skickades. Kontrollera uppgifterna nedan och skicka igen.
error-form-expired = Det här formuläret hade gått ut eller kom inte från den här webbplatsen, så inget skickades. Kontrollera uppgifterna nedan och skicka igen.

# Notices of an embedded frame (src/routes/embed/start.rs).
embed-not-listed = Den här sidan får inte visa uppladdaren
embed-not-listed-text = Bara de webbplatser som uppladdarens driftansvarige har godkänt får visa den på sina sidor.
embed-sign-in-failed = Vi kunde inte logga in dig
embed-sign-in-retry = Ladda om sidan du kom från för att försöka igen.
embed-identity-malformed = Webbplatsen du kom från skickade en inloggning som uppladdaren inte kan läsa.
embed-identity-wrong-algorithm = Webbplatsen du kom från loggade in dig med en metod som uppladdaren inte godtar.
embed-identity-bad-signature = Webbplatsen du kom från skickade en inloggning som inte var signerad med den överenskomna nyckeln.
embed-identity-expired = Din inloggning från webbplatsen du kom från har gått ut.
embed-identity-too-long = Webbplatsen du kom från skickade en inloggning som gäller för länge (högst en timme).
embed-identity-not-yet-valid = Webbplatsen du kom från skickade en inloggning som inte gäller än.
embed-identity-no-user = Webbplatsen du kom från skickade en inloggning utan ett användbart användarnamn.
embed-identity-not-accepted = Uppladdaren godtar inte inloggningar från andra webbplatser.
embed-own-tab = Öppna uppladdaren i en egen flik
embed-own-tab-text = Din webbläsare låter inte uppladdaren hålla reda på din uppladdning medan den visas inuti en annan webbplats. Den fungerar likadant i en egen flik.
embed-open-tab = Öppna uppladdaren i en ny flik

## sec
# The host's identity, hardened (issue 23 §4: src/embed/identity.rs, templates/embed/frame.html).
embed-identity-wrong-audience = Webbplatsen du kom från skickade en inloggning som var avsedd för en annan tjänst.
embed-identity-signed-out = Webbplatsen du kom från har loggat ut dig; den här inloggningen är äldre än så.
embed-opening = Uppladdaren öppnas
embed-opening-text = Uppladdaren öppnas så snart sidan runt den berättar vem du är. Om ingenting händer, ladda om den sidan.
## rec
send-camera-label = Använd kameran
send-camera-help = Öppnar telefonens kamera för att spela in en video, som sedan går direkt till { $service }.
send-camera-submit = Skicka inspelningen

## flow
accepted-types = Webbplatsen tar emot videofiler (MP4, MOV, M4V, WebM, MKV, AVI, MPEG, 3GP) och ljudfiler (MP3, M4A, WAV, AAC, OGG, FLAC) på upp till { $megabytes } MB var.
## words
# Headings of the send page by state, whose uploads the history lists, HOME_URL's link, and 23's
# refusals in the visitor's words (the original stays in /admin).
send-heading-expired = Tiden för den här uppladdningen har gått ut
send-heading-sending = Skickar din video
send-heading-sent = Din video är skickad
send-tab-sending = Skickar
history-whose-browser = Uppladdningar från den här webbläsaren.
history-whose-account = Uppladdningar från ditt konto.
history-remove = Ta bort
home-link = Tillbaka till { $site }
service-error-type = Den här filtypen stöds inte. Skicka en video- eller ljudfil, till exempel MP4, MOV, WebM eller MP3.
service-error-no-file = Ingen fil kom fram. Välj filen igen och skicka den.
service-error-token = Tiden för att skicka den här filen hade gått ut. Försök igen: dina uppgifter finns kvar.
service-error-too-large = Filen är för stor för att tas emot.
service-error-processing = Filen kunde inte bearbetas. Försök igen eller skicka en annan fil.
service-error-other = Filen togs inte emot. Försök igen eller skicka en annan fil.
error-has-video = Den här uppladdningen har en video, så den finns kvar bland dina uppladdningar.
## campaign
campaign-unknown-title = Den här insamlingssidan finns inte
campaign-unknown-text = Kontrollera adressen du fick: sidan kan ha bytt namn eller tagits bort.
campaign-not-open-title = Den här insamlingssidan är inte öppen än
campaign-not-open-text = Den tar emot videor från { $time }. Välkommen tillbaka då.
campaign-closed-title = Den här insamlingssidan är stängd
campaign-closed-text = Den slutade ta emot videor { $time }. Tack för ditt intresse.
campaign-choose = Välj…
campaign-reviewed-first = Din video granskas innan andra kan se den.
campaign-size-limit = Den här sidan tar emot video- och ljudfiler på upp till { $size }.
consent-terms-link = Läs villkoren
campaign-thanks-title = Tack!
campaign-thanks-continue = Fortsätt
campaign-answer-required = Svara på den här frågan.
campaign-answer-tick = Kryssa i rutan för att fortsätta.
campaign-answer-email = Skriv en e-postadress som namn@exempel.se.
campaign-answer-choice = Välj ett av svaren som erbjuds.
campaign-answer-too-long = Svaret är för långt (högst 200 tecken).
campaign-answer-too-long-long = Svaret är för långt (högst 5000 tecken).
campaign-answer-control = Svaret innehåller tecken som inte kan sparas.
campaign-consent-missing = Kryssa i rutan för att ge ditt samtycke innan du skickar din video.
campaign-limit-reached = Du har redan skickat så många videor som den här sidan tar emot. Tack!
## mod
review-waiting = Väntar på godkännande
review-published = Publicerad
review-not-published = Inte publicerad
review-withdrawn = Återkallad
withdraw-button = Återkalla
withdraw-title = Återkalla den här videon?
withdraw-explain = Den raderas från { $service } och visas inte längre för någon. Det går inte att ångra.
withdraw-confirm = Ja, återkalla den
withdraw-cancel = Nej, behåll den
withdraw-private-link = Privat länk för återkallelse (fungerar på alla enheter)
# In a host page's frame, description, tags and visibility fold away under this until wanted.
embed-more-details = Fler uppgifter
