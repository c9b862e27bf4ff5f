// Controls marked data-submit-on-change submit their form when changed (the language switch).
document.querySelectorAll('[data-submit-on-change]').forEach(function (control) {
  control.addEventListener('change', function () { control.form.submit(); });
});
