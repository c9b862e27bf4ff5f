// Controls marked data-submit-on-change submit their form when changed (the language switch).
document.querySelectorAll('[data-submit-on-change]').forEach(function (control) {
  control.addEventListener('change', function () { control.form.submit(); });
});

// Forms that destroy something ask first (the question is the form's data-confirm text).
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
  form.addEventListener('submit', function (e) { if (!window.confirm(form.dataset.confirm)) e.preventDefault(); });
});

// Buttons marked data-copy put their value on the clipboard (a magnet link) and say so on themselves for a moment.
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  button.addEventListener('click', async function () {
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      button.textContent = '✓';
    } catch (e) {
      window.prompt('', button.dataset.copy);
    }
    setTimeout(function () { button.textContent = label; }, 1500);
  });
});
