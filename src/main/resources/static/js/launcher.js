// Waymark's chat launcher for a council's site: one tag,
//   <script src="https://<waymark>/js/launcher.js" defer></script>
// adds a "Chat with Waymark" button that opens the chat page in a panel. The page is
// served from Waymark, so the council's site never sees what is written in it. Waymark
// lets it be framed only by the sites in WAYMARK_CHAT_EMBED_ORIGINS.
(function () {
	'use strict';
	var script = document.currentScript;
	if (!script || document.getElementById('waymark-launcher')) return;
	var origin = new URL(script.src).origin;
	var open = false;
	var frame = null;

	var button = document.createElement('button');
	button.id = 'waymark-launcher';
	button.type = 'button';
	button.textContent = 'Chat with Waymark';
	button.setAttribute('aria-expanded', 'false');
	style(button, 'position:fixed;right:1rem;bottom:1rem;z-index:2147483646;font:600 1rem/1.2 system-ui,sans-serif;'
		+ 'padding:.8rem 1.1rem;min-height:2.75rem;border:2px solid #fff;border-radius:2rem;background:#1d4f91;'
		+ 'color:#fff;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.35)');

	var panel = document.createElement('div');
	panel.id = 'waymark-panel';
	panel.setAttribute('role', 'dialog');
	panel.setAttribute('aria-label', 'Waymark chat');
	style(panel, 'position:fixed;right:1rem;bottom:5rem;z-index:2147483647;width:min(26rem,calc(100vw - 2rem));'
		+ 'height:min(40rem,calc(100vh - 6.5rem));background:#fff;border:1px solid #555;border-radius:.6rem;'
		+ 'box-shadow:0 4px 16px rgba(0,0,0,.35);overflow:hidden;display:none;flex-direction:column');

	var close = document.createElement('button');
	close.type = 'button';
	close.textContent = 'Close chat';
	style(close, 'align-self:flex-end;font:600 .95rem system-ui,sans-serif;margin:.3rem;padding:.4rem .8rem;'
		+ 'min-height:2.75rem;border:2px solid #1d4f91;border-radius:.4rem;background:#fff;color:#1d4f91;cursor:pointer');
	panel.appendChild(close);

	function style(element, css) {
		element.style.cssText = css;
	}

	function toggle(show) {
		open = show;
		if (show && !frame) {
			// loaded on first open only: a visitor who never opens it costs Waymark nothing
			frame = document.createElement('iframe');
			frame.src = origin + '/';
			frame.title = 'Waymark chat';
			style(frame, 'flex:1;width:100%;border:0');
			panel.appendChild(frame);
		}
		// an inline display beats the hidden attribute, so display is what hides it
		panel.style.display = show ? 'flex' : 'none';
		button.setAttribute('aria-expanded', String(show));
		button.textContent = show ? 'Hide chat' : 'Chat with Waymark';
		(show ? frame : button).focus();
	}

	button.addEventListener('click', function () { toggle(!open); });
	close.addEventListener('click', function () { toggle(false); });
	document.addEventListener('keydown', function (event) {
		if (open && event.key === 'Escape') toggle(false);
	});
	document.body.appendChild(panel);
	document.body.appendChild(button);
}());
