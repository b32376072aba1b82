# The operator's pages (/admin). Every language has the same ids; the CSV's column names and the
# JSON API stay English, as data.

admin-title-suffix = Operator
admin-menu = Operator
admin-sandbox-explained = Uploads go to the built-in 23 emulator, not a real video site.
admin-sandbox-link = What the sandbox stored
admin-menu-uploads = Uploads
admin-menu-approval = Waiting for approval
admin-menu-campaigns = Campaigns
admin-menu-webhooks = Webhook deliveries
admin-menu-settings = Settings check

admin-login-required = The operator's username and password are required.
admin-metrics-token-required = The metrics token is required.
admin-login-slow-down = Too many failed logins from your address. Please wait and try again.
admin-error-stale-form = This form had expired or did not come from this site. Reload the page and try again.
admin-error-no-such-status = There is no such status.
admin-error-dates = Dates are written like 2026-11-27.
admin-error-approve-or-reject = Choose Approve or Reject.

admin-uploads-title = Operator view
admin-uploads-heading = All uploads
admin-uploads-status = Status
admin-uploads-all = All
admin-uploads-any-status = any
admin-uploads-from = From
admin-uploads-to = To
admin-uploads-search = Title or photo id
admin-uploads-filter = Filter
admin-uploads-csv = Download CSV
admin-uploads-none = No uploads match.
admin-uploads-col-id = Id
admin-uploads-col-created = Created
admin-uploads-col-title = Title
admin-uploads-col-visitor = Visitor
admin-uploads-col-videos = Videos
admin-uploads-col-error = Error
admin-uploads-newest = Newest
admin-uploads-older = Older uploads
admin-failures-heading = Last errors
admin-failures-none = No failed uploads.
admin-failures-upload = upload { $id }

admin-answers-campaign = Campaign: { $name }
admin-answers-campaign-id = campaign { $id }
admin-answers-consent = Consent given { $time } by { $visitor }, text version { $version }

admin-approval-none = No videos are waiting for approval.
admin-approval-col-choose = Choose
admin-approval-col-video = Video
admin-approval-col-details = Details
admin-approval-col-sent = Sent
admin-approval-col-decision = Decision
admin-approval-choose = Choose { $title }
admin-approval-watch = Watch
admin-approval-tags = Tags: { $tags }
admin-approval-approve = Approve
admin-approval-reason = Reason (kept in the admin)
admin-approval-reject = Reject
admin-approval-approving = Approving: pending
admin-approval-rejecting = Rejecting: pending
admin-approval-failed = The video service failed ({ $attempts } attempts so far, retrying): { $error }
admin-approval-keep = Keep rejected videos in the video service, unpublished, instead of deleting them
admin-approval-approve-chosen = Approve the chosen videos
admin-approval-reject-chosen = Reject the chosen videos
admin-approval-nothing-decided = Nothing was decided: choose at least one waiting video.
admin-approval-decided = { $count ->
    [one] 1 decision saved; the video service is being told.
   *[other] { $count } decisions saved; the video service is being told.
}

admin-campaigns-new = New campaign
admin-campaigns-lead = Each campaign has a page of its own at /c/<slug>, with its prompt, fields and consent text. The default page at / keeps the portal's settings.
admin-campaigns-none = No campaigns yet.
admin-campaigns-col-name = Name
admin-campaigns-col-link = Link
admin-campaigns-col-state = State
admin-campaigns-col-actions = Actions
admin-campaigns-edit = Edit and share
admin-campaigns-close = Close
admin-campaigns-open = Open
admin-campaigns-opened = “{ $name }” is open now.
admin-campaigns-closed = “{ $name }” is closed now.

admin-campaign-open = Open
admin-campaign-open-closes = Open, closes
admin-campaign-opens = Opens
admin-campaign-closed-since = Closed since
admin-campaign-close-now = Close the campaign now
admin-campaign-open-now = Open the campaign now
admin-campaign-open-page = Open its page
admin-campaign-qr = QR code
admin-campaign-qr-of = QR code of { $link }
admin-campaign-embed = Embed on your site
admin-campaign-embed-help = Paste this where the upload form should appear. The page must be one of EMBED_ORIGINS.
admin-campaign-settings = Settings
admin-campaign-save = Save changes
admin-campaign-create = Create the campaign
admin-campaign-back = Back to the campaigns
admin-campaign-created = The campaign is saved. Share its link, QR code or snippet below.
admin-campaign-saved = Your changes are saved.
admin-campaign-opened = The campaign is open now.
admin-campaign-closed = The campaign is closed now: its page mints nothing.
admin-campaign-not-saved = { $count ->
    [one] The campaign was not saved: one field to correct below.
   *[other] The campaign was not saved: { $count } fields to correct below.
}
admin-policy-visitor-chooses = The visitor chooses whether it is published
admin-policy-always-unpublished = Always unpublished (the operator publishes in 23)
admin-policy-approval-first = Approval first (published when approved in Waiting for approval)

admin-field-optional = (optional)
admin-field-optional-utc = (optional, UTC)
admin-field-name = Name
admin-field-name-help = For you; visitors see it as the page's title.
admin-field-slug = Slug
admin-field-slug-help = The page's address: /c/ and this, e.g. product-1234. Lower-case letters, digits and dashes.
admin-field-prompt = Prompt
admin-field-prompt-help = What the visitor is asked, e.g. “Tell us how you use the product”. A blank line starts a new paragraph.
admin-field-album-id = 23 album id
admin-field-album-id-help = The number of the album in 23 the videos go into.
admin-field-fixed-tags = Fixed tags
admin-field-fixed-tags-help = Added to the visitor's own tags, e.g. product:1234 testimonial.
admin-field-publish-policy = Publishing
admin-field-publish-policy-help = Who decides whether a video goes public on 23.
admin-field-max-files = Files per visitor
admin-field-max-files-help = How many uploads one visitor may start here (1–100).
admin-field-max-file-mb = Largest file, in MB
admin-field-max-file-mb-help = Empty: the portal's own limit. Applies on the campaign's pages.
admin-field-max-recording-secs = Longest recording, in seconds
admin-field-max-recording-secs-help = Empty: the portal's own limit. Applies on the campaign's pages.
admin-field-opens-at = Opens
admin-field-opens-at-help = Like 2026-12-24T09:00. Empty: open from now.
admin-field-closes-at = Closes
admin-field-closes-at-help = Empty: never closes by itself.
admin-field-fields = Questions
admin-field-fields-help = One per line: kind | label | required or optional | choices, for a choice. Kinds: short_text, long_text, email, choice, checkbox. E.g. “email | Your e-mail | required” or “choice | Your plan | optional | Basic, Pro”.
admin-field-consent-text = Consent text
admin-field-consent-text-help = When set, the visitor must tick a box with this text; the upload keeps a hash of it, the time and the visitor. Changing it changes the version for later uploads only.
admin-field-terms-url = Terms URL
admin-field-terms-url-help = Linked beside the consent box.
admin-field-language = Language
admin-field-language-visitors = The visitor's own
admin-field-language-help = The page's language, whatever the visitor's browser asks for.
admin-field-brand-color = Brand colour
admin-field-brand-color-help = #rrggbb, dark enough for white text on it. Applies on the campaign's pages.
admin-field-thank-you-text = Thank-you text
admin-field-thank-you-text-help = Shown when the video is sent. Applies on the campaign's pages.
admin-field-thank-you-url = Thank-you URL
admin-field-thank-you-url-help = Where to send the visitor when done. Applies on the campaign's pages.

# The campaign form's problems, as the lower layers (uploads::campaign, flows::campaigns, the
# form reader) say them in English; the page shows them through these.
admin-problem-whole-number = Write a whole number (or leave it empty).
admin-problem-form-time = Write a time like 2026-12-24T09:00 (UTC).
admin-problem-slug = Use 1–60 lower-case letters, digits and dashes, e.g. product-1234.
admin-problem-slug-taken = Another campaign has this slug already; choose another.
admin-problem-name = Give the campaign a name (200 characters at most).
admin-problem-album-number = An album id is a number, as 23 shows it.
admin-problem-policy = Choose one of the publishing policies.
admin-problem-max-files = Files per visitor is a number from 1 to 100.
admin-problem-closes-before-opens = The closing time must be after the opening time.
admin-problem-language = Choose one of: { $languages }.
admin-problem-color = Write a colour as #rrggbb, dark enough for white text on it.
admin-problem-url = Write a full http(s) address.
admin-problem-too-long = At most { $max } characters.
admin-problem-too-many-fields = At most { $max } fields.
admin-problem-field-ids = Field ids are distinct slugs; { $id } is not.
admin-problem-field-label = Field { $id } needs a label of 200 characters at most.
admin-problem-field-choices = Field { $id }: a choice field lists 1–{ $max } choices, other fields none.
admin-problem-line-kind = Line { $line }: the kind is one of short_text, long_text, email, choice, checkbox.
admin-problem-line-required = Line { $line }: say required or optional.

admin-webhooks-off = WEBHOOK_URL is not set, so no events are sent to the host site.
admin-webhooks-deliveries = Deliveries
admin-webhooks-failed = Failed
admin-webhooks-none = No deliveries.
admin-webhooks-none-failed = No deliveries failed.
admin-webhooks-col-event = Event
admin-webhooks-col-upload = Upload
admin-webhooks-col-happened = Happened
admin-webhooks-col-attempts = Attempts
admin-webhooks-col-last-answer = Last answer
admin-webhooks-col-next = Next attempt
admin-webhooks-send-again = Send again
admin-webhooks-older = Older deliveries
admin-delivery-pending = pending
admin-delivery-delivered = delivered
admin-delivery-failed = failed

# The settings check (/admin/settings), what `upload-portal check` proves.
admin-check-lead = The same checks as upload-portal check, made now: the database, one signed call to the 23 site, and the mail server and the host site when they are set. No secret is shown.
admin-check-all-work = Everything checked works.
admin-check-some-fail = Something does not work: see below.
admin-check-again = Check again
admin-check-detail = What it said:
admin-check-verdict-works = works
admin-check-verdict-warning = note
admin-check-verdict-fails = does not work
admin-check-database = Database
admin-check-database-opens = The database opens.
admin-check-database-fails = The database does not open: check DATABASE_URL.
admin-check-site = 23 site
admin-check-sandbox = TWENTYTHREE_URL is not set, so the portal runs in sandbox mode: there is no 23 site to check.
admin-check-site-client = The portal could not prepare calls to TWENTYTHREE_URL.
admin-check-site-accepts = { $url } accepts the credentials, with write permission.
admin-check-site-credentials = { $url } refuses the credentials: the consumer key, consumer secret or access token is wrong, or lacks write permission.
admin-check-site-unreachable = { $url } could not be reached: check TWENTYTHREE_URL, DNS and the network.
admin-check-site-slow = { $url } did not answer within TWENTYTHREE_TIMEOUT_SECS: it is slow or down.
admin-check-site-other = { $url } answered in a way the portal cannot use: check TWENTYTHREE_URL.
admin-check-public-url = Public address
admin-check-plain-http = PUBLIC_URL is plain http on a name other than localhost: browsers will not let visitors record there. Use https.
admin-check-mail = Mail server
admin-check-mail-login = The mail server at { $address } accepts the login.
admin-check-mail-answers = The mail server at { $address } answers (no login is set).
admin-check-mail-fails = The mail server at { $address } does not work with SMTP_URL.
admin-check-webhooks = Host site (webhooks)
admin-check-webhooks-work = The host site accepted a signed ping.
admin-check-webhooks-in-clear = The host site accepted a signed ping, but WEBHOOK_URL is plain http to another machine: events cross the network unencrypted.
admin-check-webhooks-fails = The host site did not accept a signed ping: check WEBHOOK_URL and WEBHOOK_SECRET.
admin-problem-unknown-album = 23 has no album with this id; check the id in 23's admin (Channels or Albums).
admin-problem-album-unchecked = 23 could not be reached to check this album, so nothing was saved. Try again in a moment.
admin-notice-album-unchecked = The campaign was not saved: 23 could not be reached to check its album.
