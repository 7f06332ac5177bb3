// "Text the patient a link" on the clinician's meeting-link page: the form's answer replaces the panel in place, so
// the meeting link stays on the page and no window opens (embedded browsers block pop-ups). The server still answers
// with POST-redirect-GET, so this only changes where the answer is shown; without script the form works as a page.
(function () {
  'use strict';

  function panel() { return document.querySelector('[data-testid="text-patient"]'); }

  async function show(response) {
    const html = await response.text();
    const next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-testid="text-patient"]');
    const current = panel();
    if (next && current) {
      current.replaceWith(document.adoptNode(next));
      // The answer is the panel as its own page renders it: keep its forms and links answering here too.
      panel().querySelectorAll('form, a[href^="/visit/sms"]').forEach(function (el) { el.dataset.inPlace = 'true'; });
      const outcome = panel().querySelector('[data-testid="sms-outcome"], [data-testid="sms-phone-error"]');
      if (outcome) outcome.setAttribute('tabindex', '-1'), outcome.focus();
    } else {
      failed();
    }
  }

  function failed() {
    const current = panel();
    if (!current) return;
    let note = current.querySelector('[data-testid="sms-outcome"]');
    if (!note) {
      note = document.createElement('p');
      note.setAttribute('role', 'status');
      note.setAttribute('data-testid', 'sms-outcome');
      current.insertBefore(note, current.children[1] || null);
    }
    note.className = 'warning';
    note.textContent = 'EpicZoom could not be reached; nothing was sent. Please try again.';
  }

  document.addEventListener('submit', async function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.inPlace !== 'true') return;
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
        redirect: 'follow',
      });
      await show(response);
    } catch (e) {
      failed();
      if (button) button.disabled = false;
    }
  });

  document.addEventListener('click', async function (event) {
    const link = event.target instanceof Element ? event.target.closest('a[data-in-place="true"]') : null;
    if (!link) return;
    event.preventDefault();
    try {
      await show(await fetch(link.href, { credentials: 'same-origin' }));
    } catch (e) {
      failed();
    }
  });
})();
