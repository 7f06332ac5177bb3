// Polls the visit's status until the host is in, then opens the meeting. No framework: this runs on patients' phones.
(function () {
    const root = document.getElementById("waiting");
    if (!root) return;
    const statusUrl = root.dataset.statusUrl;
    const message = document.getElementById("waiting-message");
    const problem = document.getElementById("waiting-error");
    let delay = 3000;

    async function check() {
        try {
            const response = await fetch(statusUrl, { headers: { "Accept": "application/json" }, cache: "no-store" });
            const body = await response.json();
            if (response.status === 410) {
                message.textContent = body.message + " (" + body.code + ")";
                return; // the link is no good any more: stop polling
            }
            if (response.ok && body.hostIsIn && body.joinUrl) {
                message.textContent = "Your provider is here. Opening the visit…";
                window.location.assign(body.joinUrl);
                return;
            }
            problem.hidden = response.ok;
            if (!response.ok) problem.textContent = "We are having trouble checking on your visit; still trying…";
            delay = 3000;
        } catch {
            problem.hidden = false;
            problem.textContent = "Your connection seems to be down; still trying…";
            delay = Math.min(delay * 2, 15000);
        }
        setTimeout(check, delay);
    }
    check();
})();
