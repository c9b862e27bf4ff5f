// Controls marked data-submit-on-change submit their form when changed (the language switch).
document.querySelectorAll('[data-submit-on-change]').forEach(function (control) {
  control.addEventListener('change', function () { control.form.submit(); });
});

// Forms that destroy something ask first (the question is the form's data-confirm text).
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
  form.addEventListener('submit', function (e) { if (!window.confirm(form.dataset.confirm)) e.preventDefault(); });
});
