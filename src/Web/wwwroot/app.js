// Copies text for the FDI records page; falls back to a selection copy where the Clipboard API is unavailable (plain http).
window.ezCopy = async function (text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand("copy");
        area.remove();
        window.ezLastCopied = text;
        return ok;
    }
};

window.ezInteractive = function () {
    document.body.setAttribute("data-interactive", "true");
};
