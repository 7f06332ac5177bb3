using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using static EpicZoom.Sandbox.Common.Html;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>
/// The simulated Zoom client: a name box and Join, then the person's state, who is in the
/// meeting, and (for the host) the waiting room with Admit buttons. State comes from polling.
/// </summary>
internal static class JoinPages
{
    private const string Script = """
        (() => {
          const app = document.getElementById('app');
          const form = document.getElementById('join-form');
          const labels = {
            waiting_for_host: 'Please wait for the host to start this meeting.',
            waiting: 'In the waiting room: the host will let you in soon.',
            joined: 'In the meeting.',
            left: 'You left the meeting.'
          };
          let seat = null;
          let timer = null;
          const byId = id => document.getElementById(id);
          const post = (url, data) => fetch(url, { method: 'POST', body: new URLSearchParams(data || {}) });
          const showError = message => { byId('error').textContent = message || 'Something went wrong.'; };

          // A list is rebuilt only when who is in it changed, so an Admit button stays the same
          // element between polls and a click on it is not lost to a redraw.
          function fill(listId, people, withAdmit) {
            const list = byId(listId);
            const key = JSON.stringify(people.map(person => [person.participantId, person.name]));
            if (list.dataset.key === key) { return; }
            list.dataset.key = key;
            list.replaceChildren();
            for (const person of people) {
              const item = document.createElement('li');
              item.textContent = person.name + ' ';
              if (withAdmit) {
                const admit = document.createElement('button');
                admit.textContent = 'Admit';
                admit.addEventListener('click', () => act('admit', { participantId: person.participantId }));
                item.append(admit);
              }
              list.append(item);
            }
          }

          async function refresh() {
            const response = await fetch(app.dataset.seats + '/' + encodeURIComponent(seat));
            if (!response.ok) { return; }
            const status = await response.json();
            byId('state').textContent = labels[status.state] || status.state;
            byId('state').dataset.state = status.state;
            byId('meeting-status').textContent = 'Meeting is ' + status.meetingStatus + '.';
            fill('participants', status.participants, false);
            byId('waiting-panel').hidden = !status.isHost;
            byId('end').hidden = !status.isHost || status.state === 'left';
            if (status.isHost) { fill('waiting', status.waitingRoom, true); }
            if (status.state === 'left') {
              clearInterval(timer);
              byId('leave').hidden = true;
            }
          }

          async function act(action, data) {
            const response = await post(app.dataset.seats + '/' + encodeURIComponent(seat) + '/' + action, data);
            if (!response.ok) { showError((await response.json()).error); }
            await refresh();
          }

          form.addEventListener('submit', async event => {
            event.preventDefault();
            const response = await fetch(app.dataset.join, { method: 'POST', body: new URLSearchParams(new FormData(form)) });
            const body = await response.json();
            if (!response.ok) { showError(body.error); return; }
            seat = body.seat;
            form.hidden = true;
            byId('session').hidden = false;
            byId('participant-id').textContent = body.participantId;
            await refresh();
            timer = setInterval(refresh, 1500);
          });
          byId('leave').addEventListener('click', () => act('leave'));
          byId('end').addEventListener('click', () => act('end'));
        })();
        """;

    public static IResult Host(Meeting meeting, string zak, string hostName, PathString pathBase)
    {
        var fields = $"""
            <input type="hidden" name="zak" value="{E(zak)}">
            <label>Your name <input name="name" value="{E(hostName)}" required></label>
            <button type="submit" id="join">Start meeting</button>
            """;
        return Render(meeting, "Start meeting as host", $"{pathBase}/sandbox/zoom/s/{Id(meeting)}/join", fields, pathBase);
    }

    public static IResult Attendee(Meeting meeting, string? pwd, string? name, string? email, string? customerKey, PathString pathBase)
    {
        var passcode = string.IsNullOrEmpty(pwd) && meeting.Details.Password.Length > 0
            ? """<label>Meeting passcode <input name="pwd" required></label>"""
            : $"""<input type="hidden" name="pwd" value="{E(pwd)}">""";
        var fields = $"""
            {passcode}
            <input type="hidden" name="email" value="{E(email)}">
            <input type="hidden" name="customer_key" value="{E(customerKey)}">
            <label>Your name <input name="name" value="{E(name)}" required></label>
            <button type="submit" id="join">Join</button>
            """;
        return Render(meeting, "Join meeting", $"{pathBase}/sandbox/zoom/j/{Id(meeting)}/join", fields, pathBase);
    }

    private static IResult Render(Meeting meeting, string title, string joinUrl, string fields, PathString pathBase)
    {
        var body = new StringBuilder();
        body.Append($"""
            <p><strong>{E(meeting.Details.Topic)}</strong> <span class="muted">(meeting {E(Id(meeting))})</span></p>
            <div id="app" data-join="{E(joinUrl)}" data-seats="{E($"{pathBase}/sandbox/zoom/wc/{Id(meeting)}")}">
            <p id="error" class="error" role="alert"></p>
            <form id="join-form">{fields}</form>
            <div id="session" hidden>
              <p>You are participant <code id="participant-id"></code>: <strong id="state"></strong></p>
              <p id="meeting-status" class="muted"></p>
              <h2>In the meeting</h2><ul id="participants"></ul>
              <div id="waiting-panel" hidden><h2>Waiting room</h2><ul id="waiting"></ul></div>
              <button id="leave">Leave</button> <button id="end" hidden>End meeting for all</button>
            </div></div>
            <script>{Script}</script>
            """);
        return Page(title, body.ToString());
    }

    private static string Id(Meeting meeting) => meeting.Id.ToString(CultureInfo.InvariantCulture);
}
