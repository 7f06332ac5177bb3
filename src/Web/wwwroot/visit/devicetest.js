// Checks camera, microphone and speakers in the browser and reports what worked.
(function () {
    const root = document.getElementById("devicetest");
    if (!root) return;
    const resultUrl = root.dataset.resultUrl;
    const start = document.getElementById("start");
    const finish = document.getElementById("finish");
    const result = document.getElementById("result");
    const state = { camera: false, microphone: false, speaker: false };
    let audio;

    start.addEventListener("click", async () => {
        start.disabled = true;
        try {
            const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
            document.getElementById("preview").srcObject = stream;
            state.camera = stream.getVideoTracks().some(t => t.readyState === "live");
            document.getElementById("camera-state").textContent = state.camera ? "Camera works." : "No camera picture.";
            audio = audio || new AudioContext();
            const analyser = audio.createAnalyser();
            audio.createMediaStreamSource(stream).connect(analyser);
            const data = new Uint8Array(analyser.fftSize);
            const meter = document.getElementById("level");
            (function tick() {
                analyser.getByteTimeDomainData(data);
                let peak = 0;
                for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
                meter.value = peak;
                if (peak > 0.05 && !state.microphone) {
                    state.microphone = true;
                    document.getElementById("microphone-state").textContent = "Microphone works.";
                }
                requestAnimationFrame(tick);
            })();
        } catch (e) {
            document.getElementById("camera-state").textContent = "The browser could not use the camera or microphone (" + e.name + ").";
        }
        finish.disabled = false;
    });

    document.getElementById("play-tone").addEventListener("click", () => {
        audio = audio || new AudioContext();
        const tone = audio.createOscillator();
        tone.frequency.value = 440;
        tone.connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 1);
    });

    finish.addEventListener("click", async () => {
        state.speaker = document.getElementById("heard-tone").checked;
        const response = await fetch(resultUrl, {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(state),
        });
        const body = await response.json();
        result.textContent = response.ok
            ? (body.passed ? "All set: your device is ready for the visit." : "Some checks did not pass. Your clinic has been told; see the help link below.")
            : body.message + " (" + body.code + ")";
    });
})();
