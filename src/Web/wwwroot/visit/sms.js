// The clinician's panels on the meeting-link page ("Text the patient a link", "Invite a guest"): a form's answer
// replaces its own panel in place, so the meeting link stays on the page and no window opens (embedded browsers block
// pop-ups). The server still answers with POST-redirect-GET, so this only changes where the answer is shown; without
// script the forms work as pages. A panel is a [data-in-place-panel] element; its data-testid names it in the answer.
(function () {
  'use strict';

  function panelOf(el) { return el.closest('[data-in-place-panel]'); }

  async function show(response, current) {
    const html = await response.text();
    const id = current.getAttribute('data-testid');
    const next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-testid="' + id + '"]');
    if (next) {
      current.replaceWith(document.adoptNode(next));
      const panel = document.querySelector('[data-testid="' + id + '"]');
      // The answer is the panel as its own page renders it: keep its forms and links answering here too.
      panel.querySelectorAll('form, a[data-panel-link]').forEach(function (el) { el.dataset.inPlace = 'true'; });
      const outcome = panel.querySelector('[data-outcome]');
      if (outcome) outcome.setAttribute('tabindex', '-1'), outcome.focus();
    } else {
      failed(current);
    }
  }

  function failed(current) {
    let note = current.querySelector('[data-outcome][role="status"]');
    if (!note) {
      note = document.createElement('p');
      note.setAttribute('role', 'status');
      note.setAttribute('data-outcome', '');
      note.setAttribute('data-testid', current.getAttribute('data-testid') === 'text-patient' ? 'sms-outcome' : 'guest-outcome');
      current.insertBefore(note, current.children[1] || null);
    }
    note.className = 'warning';
    note.textContent = 'EpicZoom could not be reached; nothing was sent. Please try again.';
  }

  document.addEventListener('submit', async function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.inPlace !== 'true') return;
    const current = panelOf(form);
    if (!current) return;
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      // getAttribute, not form.action: the guest forms have a field named "action", which hides the property.
      const response = await fetch(form.getAttribute('action'), {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
        redirect: 'follow',
      });
      await show(response, current);
    } catch (e) {
      failed(current);
      if (button) button.disabled = false;
    }
  });

  document.addEventListener('click', async function (event) {
    const link = event.target instanceof Element ? event.target.closest('a[data-in-place="true"]') : null;
    if (!link) return;
    const current = panelOf(link);
    if (!current) return;
    event.preventDefault();
    try {
      await show(await fetch(link.href, { credentials: 'same-origin' }), current);
    } catch (e) {
      failed(current);
    }
  });
})();
