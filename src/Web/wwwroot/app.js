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

window.ezTheme = {
    isDark: () => localStorage.getItem("ez-theme") === "dark",
    save: dark => localStorage.setItem("ez-theme", dark ? "dark" : "light"),
};

// After a failed save the summary at the top comes into view (the Save bar is at the bottom of a long form).
window.ezReveal = function (id) {
    const element = document.getElementById(id);
    if (!element) return;
    element.scrollIntoView({ block: "start", behavior: "instant" });
    element.focus({ preventScroll: true });
};
