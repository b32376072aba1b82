# Pages: layout, forms, history, errors. `$service` is VIDEO_SERVICE_NAME, `$site` SITE_NAME.
language-name = English
language-menu = Language
default-site-name = Video uploads
default-service-name = the video service
skip-to-content = Skip to content
sandbox-mode = Sandbox mode.
sandbox-explained = Videos go to the built-in 23 emulator, not to a real 23 site.
sandbox-link = See what it received
nav-main = Main
nav-new-upload = New upload
nav-my-uploads = My uploads
footer = Files go straight from your browser to { $service }; they never pass through this site.
for-operator = For the operator:
optional = (optional)
optional-tags = (optional, separated by spaces)
field-title = Title
field-description = Description
field-tags = Tags

# A date on a page: day, month name, year and time of day (UTC).
date-time = { $day } { $month } { $year }, { $time } UTC
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

new-upload-title = New upload
new-upload-heading = Upload a video
new-upload-lead = Describe your video first. On the next page you choose the file.
visibility = Visibility
publish-yes = Public once it is processed
publish-no = Not published yet (the site's editors publish it)
new-upload-submit = Continue: choose the file
error-title-missing = Give your video a title.
error-title-long = The title is too long (200 characters at most).
error-description-long = The description is too long (5000 characters at most).
error-tags-long = Too many tags (500 characters at most).
mint-rate-limited = You have started many uploads in the last hour. Please wait a few minutes before starting another; your details are kept below.
mint-unavailable = The video service is not answering right now, so nothing was uploaded. Your details are kept below: please try again in a moment.
mint-refused = The video service refused to start this upload. Your details are kept below; the site's operator has been told.
mint-not-saved = We could not save this upload just now, so nothing was sent. Your details are kept below: please try again in a moment.

send-title = Choose your file
send-expired = The time to send a file for this upload ran out at { $time }. Start again: your title, description and tags are kept.
send-renew = Start again with the same details
send-complete = This upload is complete.
send-see-it = See it in your uploads
send-file-label = Video file
send-file-help = The file goes straight to { $service }.
send-file-limit = Files up to { $size } each.
send-expiry = You can send the file until { $time }.
send-expiry-files = You can send up to { $count } files until { $time }.
send-submit = Upload video
send-correct = Correct the title, description or tags
send-save-details = Save the details

history-title = My uploads
history-empty = No uploads yet.
history-upload-link = Upload a video
history-watch = Watch on { $service }
history-choose-file = Choose the file
try-again = Try again
history-older = Older uploads
status-pending = Waiting for the file
status-uploaded = Uploaded, processing
status-ready = Ready
status-failed = Failed
status-expired = Expired
status-unverified = Received, confirming with { $service }

error-see-uploads = See your uploads
error-start-new = Start a new upload
error-not-found = Page not found
error-not-found-text = There is nothing at this address. It may belong to another browser's uploads.
error-bad-request = That request didn't work
error-out-of-date = This page was out of date
error-moment = Please try again in a moment
error-not-answering = The video service isn't answering
error-not-answering-text = The video service is not answering right now. Nothing was uploaded; please try again in a moment.
error-refused = The video service refused the request
error-refused-text = The video service could not take this request. Nothing was uploaded; the site's operator has been told.
error-not-saved = We couldn't save that just now
error-not-saved-text = Our database did not respond. Nothing was lost: reload this page in a moment to try again.
error-something = Something went wrong
error-something-text = This page could not be shown. Please try again.
error-stale = This page is out of date; reload it and try again.
error-form-unreadable = The form could not be read. Please go back and try again.
error-malformed-query = This address has a malformed query.
error-check-details = Check the details.
error-still-checking = The video service did not answer; we will keep checking.
error-unknown-link = This return link does not belong to any upload of ours, so nothing was recorded. If you just uploaded a video, it will show in your uploads once the video service confirms it.
error-altered-link = This return link is incomplete or has been altered, so nothing was recorded. If you just uploaded a video, it will show in your uploads once the video service confirms it.
error-not-confirmed = The video service does not list this video under your upload, so nothing was recorded. If you just uploaded it, it will show in your uploads once the video service confirms it.
error-details-not-taken = The video service did not take the new details; your upload is not affected. Try again in a moment.
error-details-over-budget = These details were changed several times in the last minute. Please wait a minute, then save again; your changes are kept.
error-slow-body = The request arrived too slowly. Please check your connection and try again.
error-stale-form = This page was out of date or did not come from this site, so nothing was sent. Check the details below and submit again.
error-form-expired = This form had expired or did not come from this site, so nothing was sent. Check the details below and submit again.

# Notices of an embedded frame (src/routes/embed/start.rs).
embed-not-listed = This page may not show the uploader
embed-not-listed-text = Only the sites this uploader's operator lists may show it in their pages.
embed-sign-in-failed = We could not sign you in
embed-sign-in-retry = Reload the page you came from to try again.
embed-identity-malformed = The site you came from sent a sign-in this uploader cannot read.
embed-identity-wrong-algorithm = The site you came from signed you in with a method this uploader does not accept.
embed-identity-bad-signature = The site you came from sent a sign-in that was not signed with the agreed key.
embed-identity-expired = Your sign-in from the site you came from has expired.
embed-identity-too-long = The site you came from sent a sign-in that is valid for too long (at most an hour).
embed-identity-not-yet-valid = The site you came from sent a sign-in that is not valid yet.
embed-identity-no-user = The site you came from sent a sign-in without a usable user name.
embed-identity-not-accepted = This uploader does not accept sign-ins from other sites.
embed-own-tab = Open the uploader in its own tab
embed-own-tab-text = Your browser does not let this uploader keep track of your upload while it is shown inside another site. It works the same in a tab of its own.
embed-open-tab = Open the uploader in a new tab

## sec
# The host's identity, hardened (issue 23 §4: src/embed/identity.rs, templates/embed/frame.html).
embed-identity-wrong-audience = The site you came from sent a sign-in meant for another service.
embed-identity-signed-out = The site you came from has signed you out; this sign-in is older than that.
embed-opening = Opening the uploader
embed-opening-text = The uploader opens as soon as the page around it says who you are. If nothing happens, reload that page.
## rec
send-camera-label = Use the camera
send-camera-help = Opens your phone’s camera to record a video, which then goes straight to { $service }.
send-camera-submit = Send the recording

## flow
accepted-types = The site accepts video files (MP4, MOV, M4V, WebM, MKV, AVI, MPEG, 3GP) and audio files (MP3, M4A, WAV, AAC, OGG, FLAC), up to { $megabytes } MB each.
## words
# Headings of the send page by state, whose uploads the history lists, HOME_URL's link, and 23's
# refusals in the visitor's words (the original stays in /admin).
send-heading-expired = Time ran out for this upload
send-heading-sending = Sending your video
send-heading-sent = Your video is sent
send-tab-sending = Sending
history-whose-browser = Uploads made in this browser.
history-whose-account = Uploads from your account.
history-remove = Remove
home-link = Back to { $site }
service-error-type = This file type is not supported. Send a video or audio file, for example MP4, MOV, WebM or MP3.
service-error-no-file = No file arrived. Choose the file again and send it.
service-error-token = The time to send this file had run out. Try again: your details are kept.
service-error-too-large = The file is too large to be accepted.
service-error-processing = The file could not be processed. Try again, or send another file.
service-error-other = The file was not accepted. Try again, or send another file.
error-has-video = This upload has a video, so it stays in your uploads.
## campaign
campaign-unknown-title = There is no such collection page
campaign-unknown-text = Check the address you were given: this page may have been renamed or removed.
campaign-not-open-title = This collection page is not open yet
campaign-not-open-text = It takes videos from { $time }. Please come back then.
campaign-closed-title = This collection page is closed
campaign-closed-text = It stopped taking videos on { $time }. Thank you for your interest.
campaign-choose = Choose…
campaign-reviewed-first = Your video is reviewed before anyone else can see it.
campaign-size-limit = This page takes video and audio files up to { $size }.
consent-terms-link = Read the terms
campaign-thanks-title = Thank you!
campaign-thanks-continue = Continue
campaign-answer-required = Please answer this question.
campaign-answer-tick = Tick this box to continue.
campaign-answer-email = Write an e-mail address like name@example.com.
campaign-answer-choice = Choose one of the answers offered.
campaign-answer-too-long = This answer is too long (200 characters at most).
campaign-answer-too-long-long = This answer is too long (5000 characters at most).
campaign-answer-control = This answer contains characters that cannot be kept.
campaign-consent-missing = Please tick the box to agree before sending your video.
campaign-limit-reached = You have already sent as many videos as this page takes. Thank you!
## mod
review-waiting = Waiting for approval
review-published = Published
review-not-published = Not published
review-withdrawn = Withdrawn
withdraw-button = Withdraw
withdraw-title = Withdraw this video?
withdraw-explain = It will be deleted from { $service } and no longer shown to anyone. This cannot be undone.
withdraw-confirm = Yes, withdraw it
withdraw-cancel = No, keep it
withdraw-private-link = Private withdrawal link (works on any device)
# In a host page's frame, description, tags and visibility fold away under this until wanted.
embed-more-details = More details
