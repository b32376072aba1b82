// Sends the sandbox's long upload callback on to the return_url as a POST, as 23 does when the
// callback URL would pass 1500 characters. Served as a file because inline script is forbidden.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("callback-form");
  if (form) {
    form.submit();
  }
});
