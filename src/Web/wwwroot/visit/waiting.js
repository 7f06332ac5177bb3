// Long-polls the visit's status until the host is in, then opens the meeting. The server holds each request until the
// host joins or about 20-25 s pass ("still waiting"), so the page asks again at once. Each page picks its own wait in
// that range, so thousands of patients who opened their pages together do not all ask again in the same second.
// No framework: this runs on phones.
(function () {
    const root = document.getElementById("waiting");
    if (!root) return;
    const statusUrl = root.dataset.statusUrl + "&wait=" + (20 + Math.floor(Math.random() * 6));
    const message = document.getElementById("waiting-message");
    const problem = document.getElementById("waiting-error");
    let delay = 0;

    async function check() {
        const started = Date.now();
        try {
            const response = await fetch(statusUrl, { headers: { "Accept": "application/json" }, cache: "no-store" });
            const body = await response.json();
            if (response.status === 410) {
                message.textContent = body.message + " (" + body.code + ")";
                problem.hidden = true;
                return; // the link is no good any more: stop asking
            }
            if (response.ok && body.hostIsIn && body.joinUrl) {
                message.textContent = "Your provider is here. Opening the visit…";
                problem.hidden = true;
                window.location.assign(body.joinUrl);
                return;
            }
            problem.hidden = response.ok;
            if (!response.ok) problem.textContent = "We are having trouble checking on your visit; still trying…";
            // A long-poll that came back early without news (a proxy cutting it short) must not become a tight loop.
            delay = response.ok && Date.now() - started > 1000 ? 0 : 3000;
        } catch {
            problem.hidden = false;
            problem.textContent = "Your connection seems to be down; still trying…";
            delay = Math.min(Math.max(delay * 2, 3000), 15000);
        }
        setTimeout(check, delay);
    }
    check();
})();
