// Fills hidden time_zone fields with the browser's IANA zone, so a new account starts in the
// person's own time. Without scripts the field stays empty and the account starts on UTC.
(function () {
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    return;
  }
  var fields = document.querySelectorAll("input[data-guess-time-zone]");
  for (var i = 0; i < fields.length; i++) {
    if (!fields[i].value) fields[i].value = zone;
  }
})();
