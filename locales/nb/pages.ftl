language-name = Norsk bokmål
language-menu = Språk
default-site-name = Videoopplastinger
default-service-name = videotjenesten
skip-to-content = Gå til innholdet
sandbox-mode = Sandkassemodus.
sandbox-explained = Videoer sendes til den innebygde 23-emulatoren, ikke til et ekte 23-nettsted.
sandbox-link = Se hva den har mottatt
nav-main = Hovedmeny
nav-new-upload = Ny opplasting
nav-my-uploads = Mine opplastinger
footer = Filer går rett fra nettleseren din til { $service }; de går aldri gjennom dette nettstedet.
for-operator = For driftsansvarlig:
optional = (valgfritt)
optional-tags = (valgfritt, atskilt med mellomrom)
field-title = Tittel
field-description = Beskrivelse
field-tags = Stikkord

date-time = { $day }. { $month } { $year } kl. { $time } UTC
month-1 = jan.
month-2 = feb.
month-3 = mars
month-4 = apr.
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = aug.
month-9 = sep.
month-10 = okt.
month-11 = nov.
month-12 = des.

new-upload-title = Ny opplasting
new-upload-heading = Last opp en video
new-upload-lead = Beskriv videoen din først. På neste side velger du filen.
visibility = Synlighet
publish-yes = Offentlig når den er behandlet
publish-no = Ikke publisert ennå (nettstedets redaktører publiserer den)
new-upload-submit = Fortsett: velg filen
error-title-missing = Gi videoen din en tittel.
error-title-long = Tittelen er for lang (høyst 200 tegn).
error-description-long = Beskrivelsen er for lang (høyst 5000 tegn).
error-tags-long = For mange stikkord (høyst 500 tegn).
mint-rate-limited = Du har startet mange opplastinger den siste timen. Vent noen minutter før du starter en ny; opplysningene dine er tatt vare på nedenfor.
mint-unavailable = Videotjenesten svarer ikke akkurat nå, så ingenting ble lastet opp. Opplysningene dine er tatt vare på nedenfor: prøv igjen om et øyeblikk.
mint-refused = Videotjenesten nektet å starte denne opplastingen. Opplysningene dine er tatt vare på nedenfor; nettstedets driftsansvarlige har fått beskjed.
mint-not-saved = Vi kunne ikke lagre denne opplastingen akkurat nå, så ingenting ble sendt. Opplysningene dine er tatt vare på nedenfor: prøv igjen om et øyeblikk.

send-title = Velg filen din
send-expired = Tiden for å sende en fil til denne opplastingen gikk ut { $time }. Begynn på nytt: tittel, beskrivelse og stikkord beholdes.
send-renew = Begynn på nytt med de samme opplysningene
send-complete = Denne opplastingen er ferdig.
send-see-it = Se den blant opplastingene dine
send-file-label = Videofil
send-file-help = Filen går rett til { $service }.
send-file-limit = Filer på opptil { $size } hver.
send-expiry = Du kan sende filen til { $time }.
send-expiry-files = Du kan sende opptil { $count } filer til { $time }.
send-submit = Last opp video
send-correct = Rett tittel, beskrivelse eller stikkord
send-save-details = Lagre opplysningene

history-title = Mine opplastinger
history-empty = Ingen opplastinger ennå.
history-upload-link = Last opp en video
history-watch = Se på { $service }
history-choose-file = Velg filen
try-again = Prøv igjen
history-older = Eldre opplastinger
status-pending = Venter på filen
status-uploaded = Lastet opp, behandles
status-ready = Klar
status-failed = Mislyktes
status-expired = Utløpt
status-unverified = Mottatt, bekreftes av { $service }

error-see-uploads = Se opplastingene dine
error-start-new = Start en ny opplasting
error-not-found = Fant ikke siden
error-not-found-text = Det finnes ingenting på denne adressen. Den hører kanskje til en annen nettlesers opplastinger.
error-bad-request = Den forespørselen virket ikke
error-out-of-date = Denne siden var utdatert
error-moment = Prøv igjen om et øyeblikk
error-not-answering = Videotjenesten svarer ikke
error-not-answering-text = Videotjenesten svarer ikke akkurat nå. Ingenting ble lastet opp; prøv igjen om et øyeblikk.
error-refused = Videotjenesten avviste forespørselen
error-refused-text = Videotjenesten kunne ikke ta imot denne forespørselen. Ingenting ble lastet opp; nettstedets driftsansvarlige har fått beskjed.
error-not-saved = Vi kunne ikke lagre det akkurat nå
error-not-saved-text = Databasen vår svarte ikke. Ingenting gikk tapt: last inn siden på nytt om et øyeblikk for å prøve igjen.
error-something = Noe gikk galt
error-something-text = Denne siden kunne ikke vises. Prøv igjen.
error-stale = Denne siden er utdatert; last den inn på nytt og prøv igjen.
error-form-unreadable = Skjemaet kunne ikke leses. Gå tilbake og prøv igjen.
error-malformed-query = Denne adressen har en ugyldig spørring.
error-check-details = Sjekk opplysningene.
error-still-checking = Videotjenesten svarte ikke; vi fortsetter å sjekke.
error-unknown-link = Denne returlenken hører ikke til noen av våre opplastinger, så ingenting ble registrert. Hvis du nettopp lastet opp en video, vises den blant opplastingene dine når videotjenesten bekrefter den.
error-altered-link = Denne returlenken er ufullstendig eller endret, så ingenting ble registrert. Hvis du nettopp lastet opp en video, vises den blant opplastingene dine når videotjenesten bekrefter den.
error-not-confirmed = Videotjenesten viser ikke denne videoen under opplastingen din, så ingenting ble registrert. Hvis du nettopp lastet den opp, vises den blant opplastingene dine når videotjenesten bekrefter den.
error-details-not-taken = Videotjenesten tok ikke imot de nye opplysningene; opplastingen din er ikke påvirket. Prøv igjen om et øyeblikk.
error-details-over-budget = Opplysningene er endret flere ganger det siste minuttet. Vent et minutt, og lagre så på nytt; endringene dine er tatt vare på.
error-slow-body = Forespørselen kom for sakte frem. Sjekk tilkoblingen din og prøv igjen.
error-stale-form = Denne siden var utdatert eller kom ikke fra dette nettstedet, så ingenting ble sendt. Sjekk opplysningene nedenfor og send på nytt.
error-form-expired = Dette skjemaet var utløpt eller kom ikke fra dette nettstedet, så ingenting ble sendt. Sjekk opplysningene nedenfor og send på nytt.

# Notices of an embedded frame (src/routes/embed/start.rs).
embed-not-listed = Denne siden kan ikke vise opplasteren
embed-not-listed-text = Bare nettstedene som opplasterens driftsansvarlige har godkjent, kan vise den på sidene sine.
embed-sign-in-failed = Vi kunne ikke logge deg inn
embed-sign-in-retry = Last inn siden du kom fra på nytt for å prøve igjen.
embed-identity-malformed = Nettstedet du kom fra, sendte en innlogging som opplasteren ikke kan lese.
embed-identity-wrong-algorithm = Nettstedet du kom fra, logget deg inn med en metode som opplasteren ikke godtar.
embed-identity-bad-signature = Nettstedet du kom fra, sendte en innlogging som ikke var signert med den avtalte nøkkelen.
embed-identity-expired = Innloggingen din fra nettstedet du kom fra, er utløpt.
embed-identity-too-long = Nettstedet du kom fra, sendte en innlogging som gjelder for lenge (høyst en time).
embed-identity-not-yet-valid = Nettstedet du kom fra, sendte en innlogging som ikke gjelder ennå.
embed-identity-no-user = Nettstedet du kom fra, sendte en innlogging uten et brukbart brukernavn.
embed-identity-not-accepted = Opplasteren godtar ikke innlogginger fra andre nettsteder.
embed-own-tab = Åpne opplasteren i en egen fane
embed-own-tab-text = Nettleseren din lar ikke opplasteren holde styr på opplastingen din mens den vises inne i et annet nettsted. Den virker på samme måte i en egen fane.
embed-open-tab = Åpne opplasteren i en ny fane

## sec
# The host's identity, hardened (issue 23 §4: src/embed/identity.rs, templates/embed/frame.html).
embed-identity-wrong-audience = Nettstedet du kom fra, sendte en pålogging som var ment for en annen tjeneste.
embed-identity-signed-out = Nettstedet du kom fra, har logget deg ut; denne påloggingen er eldre enn det.
embed-opening = Opplasteren åpnes
embed-opening-text = Opplasteren åpnes så snart siden rundt den forteller hvem du er. Hvis ingenting skjer, last inn den siden på nytt.
## rec
send-camera-label = Bruk kameraet
send-camera-help = Åpner telefonens kamera for å ta opp en video, som deretter går rett til { $service }.
send-camera-submit = Send opptaket

## flow
accepted-types = Nettstedet tar imot videofiler (MP4, MOV, M4V, WebM, MKV, AVI, MPEG, 3GP) og lydfiler (MP3, M4A, WAV, AAC, OGG, FLAC) på opptil { $megabytes } MB hver.
## words
# Headings of the send page by state, whose uploads the history lists, HOME_URL's link, and 23's
# refusals in the visitor's words (the original stays in /admin).
send-heading-expired = Tiden for denne opplastingen er ute
send-heading-sending = Sender videoen din
send-heading-sent = Videoen din er sendt
send-tab-sending = Sender
history-whose-browser = Opplastinger fra denne nettleseren.
history-whose-account = Opplastinger fra kontoen din.
history-remove = Fjern
home-link = Tilbake til { $site }
service-error-type = Denne filtypen støttes ikke. Send en video- eller lydfil, for eksempel MP4, MOV, WebM eller MP3.
service-error-no-file = Ingen fil kom fram. Velg filen på nytt og send den.
service-error-token = Tiden for å sende denne filen var ute. Prøv igjen: opplysningene dine beholdes.
service-error-too-large = Filen er for stor til å bli tatt imot.
service-error-processing = Filen kunne ikke behandles. Prøv igjen, eller send en annen fil.
service-error-other = Filen ble ikke tatt imot. Prøv igjen, eller send en annen fil.
error-has-video = Denne opplastingen har en video, så den blir værende blant opplastingene dine.
## campaign
campaign-unknown-title = Denne innsamlingssiden finnes ikke
campaign-unknown-text = Sjekk adressen du fikk: siden kan ha fått nytt navn eller blitt fjernet.
campaign-not-open-title = Denne innsamlingssiden er ikke åpen ennå
campaign-not-open-text = Den tar imot videoer fra { $time }. Kom gjerne tilbake da.
campaign-closed-title = Denne innsamlingssiden er stengt
campaign-closed-text = Den sluttet å ta imot videoer { $time }. Takk for interessen.
campaign-choose = Velg…
campaign-reviewed-first = Videoen din blir gjennomgått før andre kan se den.
campaign-size-limit = Denne siden tar imot video- og lydfiler på opptil { $size }.
consent-terms-link = Les vilkårene
campaign-thanks-title = Takk!
campaign-thanks-continue = Fortsett
campaign-answer-required = Svar på dette spørsmålet.
campaign-answer-tick = Kryss av i boksen for å fortsette.
campaign-answer-email = Skriv en e-postadresse som navn@eksempel.no.
campaign-answer-choice = Velg ett av svarene som tilbys.
campaign-answer-too-long = Svaret er for langt (høyst 200 tegn).
campaign-answer-too-long-long = Svaret er for langt (høyst 5000 tegn).
campaign-answer-control = Svaret inneholder tegn som ikke kan lagres.
campaign-consent-missing = Kryss av i boksen for å gi samtykke før du sender videoen din.
campaign-limit-reached = Du har allerede sendt så mange videoer som denne siden tar imot. Takk!
## mod
review-waiting = Venter på godkjenning
review-published = Publisert
review-not-published = Ikke publisert
review-withdrawn = Trukket tilbake
withdraw-button = Trekk tilbake
withdraw-title = Trekke tilbake denne videoen?
withdraw-explain = Den blir slettet fra { $service } og vises ikke lenger for noen. Dette kan ikke angres.
withdraw-confirm = Ja, trekk den tilbake
withdraw-cancel = Nei, behold den
withdraw-private-link = Privat lenke for tilbaketrekking (virker på alle enheter)
# In a host page's frame, description, tags and visibility fold away under this until wanted.
embed-more-details = Flere opplysninger
