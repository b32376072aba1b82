#!/usr/bin/env bash
# One upload through a running portal in sandbox mode, as a browser without JavaScript makes it:
# the page, the description (the portal asks the sandbox for an upload token), the file straight to
# the sandbox's redeem-upload-token, 23's redirect back, and the history naming the video.
#   scripts/package-test/upload.sh http://127.0.0.1:8080 WORK_DIR
set -euo pipefail
url="$1" work="$2"
jar="$work/cookies"
fail() { echo "upload: $*" >&2; exit 1; }
# The value of the first input named $1 in the page on stdin; empty (not an error) when none.
value_of() { { grep -o "name=\"$1\" value=\"[^\"]*\"" || true; } | head -n1 | sed 's/.*value="//; s/"$//'; }

page="$(curl -fsS -c "$jar" -b "$jar" "$url/")" || fail "GET / did not answer 200"
csrf="$(value_of csrf_token <<<"$page")"
[ -n "$csrf" ] || fail "GET / has no upload form"
send="$(curl -fsS -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" \
    --data-urlencode "csrf_token=$csrf" --data-urlencode "title=Installed package test" \
    --data-urlencode publish=1 "$url/uploads")" || fail "POST /uploads failed"
[ -n "$send" ] || fail "POST /uploads did not lead to the send page"
form="$(curl -fsS -b "$jar" "$send")" || fail "the send page did not answer"
action="$({ grep -o '<form class="upload-form" method="post" action="[^"]*"' || true; } <<<"$form" | sed 's/.*action="//; s/"$//')"
token="$(value_of upload_token <<<"$form")"
[ -n "$action" ] && [ -n "$token" ] || fail "the send page has no form to the sandbox"
head -c 65536 /dev/urandom > "$work/video.mp4"
back="$(curl -fsS -o /dev/null -w '%{redirect_url}' -F "upload_token=$token" \
    -F "file=@$work/video.mp4;type=video/mp4" "$action")" || fail "the sandbox refused the file"
[[ "$back" == "$url/uploads/callback/"*photo_id=* ]] || fail "the sandbox sent no callback: $back"
curl -fsS -o /dev/null -c "$jar" -b "$jar" "$back" || fail "the callback failed"
history="$(curl -fsS -b "$jar" "$url/uploads")" || fail "GET /uploads failed"
grep -q 'Installed package test' <<<"$history" || fail "the history does not list the upload"
echo "one upload through $url: page, token, file, callback, history"
