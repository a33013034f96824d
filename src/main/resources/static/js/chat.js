// The server issues the conversation id with its first reply; the tab keeps it and
// sends it back, so MORE follows on from the last answer and a linked chat stays linked.
let conversationId = sessionStorage.getItem('waymark-conversation');
const log = document.getElementById('log');
const input = document.getElementById('text');

function add(who, text, meta) {
	const item = document.createElement('li');
	item.className = who;
	item.textContent = text;
	if (meta) {
		const small = document.createElement('span');
		small.className = 'meta';
		small.textContent = meta;
		item.appendChild(small);
	}
	log.appendChild(item);
	item.scrollIntoView({ block: 'end' });
}

// "Did you mean": one button per article offered; pressing it sends its number.
function choices(list) {
	if (!list || !list.length) return;
	const item = document.createElement('li');
	item.className = 'bot choices';
	for (const choice of list) {
		const button = document.createElement('button');
		button.type = 'button';
		button.textContent = choice.reply + ' ' + choice.title;
		button.addEventListener('click', () => send(choice.reply));
		item.appendChild(button);
	}
	log.appendChild(item);
	item.scrollIntoView({ block: 'end' });
}

document.getElementById('ask').addEventListener('submit', (event) => {
	event.preventDefault();
	const text = input.value.trim();
	if (!text) return;
	input.value = '';
	send(text);
});

async function send(text) {
	add('me', text);
	try {
		const response = await fetch('/api/v1/chat', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ text, language: navigator.language.slice(0, 2), conversationId })
		});
		const body = await response.json();
		if (body.conversationId) {
			conversationId = body.conversationId;
			sessionStorage.setItem('waymark-conversation', conversationId);
		}
		if (!response.ok) {
			add('bot', body.message || 'Sorry, that did not work.');
			return;
		}
		add('bot', body.reply);
		choices(body.choices);
	} catch (e) {
		add('bot', 'Sorry, I could not reach Waymark. Please try again.');
	}
	input.focus();
}
