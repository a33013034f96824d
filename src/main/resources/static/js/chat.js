// The public chat page. Message text is only ever put on the page as text nodes (links
// are built as elements), never as HTML: a reply or a question cannot inject markup.
'use strict';

// The server issues the conversation id with its first reply; the browser keeps it so a
// reload shows the conversation again, MORE follows on, and a linked chat stays linked.
const KEY = 'waymark-conversation';
let conversationId = localStorage.getItem(KEY);
let about = { talkToAPerson: 'Talk to a person' };
let sending = false;
let counter = 0;
// How many of the conversation's messages are on the page; a worker's reply makes more.
let known = 0;
// Counts sends, so a look at the history that a send overtook is not trusted.
let sends = 0;
const log = document.getElementById('log');
const input = document.getElementById('text');
const language = (navigator.language || 'en').slice(0, 2);

// Web addresses and UK phone numbers in a reply become links a thumb can tap.
const LINKABLE = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?')])|((?:\+44 ?|\b0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b|\b116 ?\d{3}\b|\b999\b)/g;

function linked(parent, text) {
	let at = 0;
	for (const match of text.matchAll(LINKABLE)) {
		parent.append(text.slice(at, match.index));
		const a = document.createElement('a');
		a.textContent = match[0];
		if (match[1]) {
			a.href = match[1];
			a.target = '_blank';
			a.rel = 'noopener noreferrer';
		} else {
			a.href = 'tel:' + match[0].replace(/[ -]/g, '');
		}
		parent.append(a);
		at = match.index + match[0].length;
	}
	parent.append(text.slice(at));
	return parent;
}

function paragraph(text, className) {
	const p = document.createElement('p');
	if (className) p.className = className;
	return linked(p, text);
}

function bubble(who, label) {
	const item = document.createElement('div');
	item.className = 'msg ' + who;
	const name = document.createElement('span');
	// a worker's words are marked for everyone; who else is speaking the colours show
	name.className = who === 'worker' ? 'who' : 'vh';
	name.textContent = label + ': ';
	item.append(name);
	log.append(item);
	return item;
}

function mine(text) {
	bubble('me', 'You').append(paragraph(text));
}

// A reply: title, the summary, the rest behind "More" (expanded in place), the source.
function reply(body, from) {
	const item = bubble(from === 'worker' ? 'worker' : 'bot', from === 'worker' ? 'Your worker' : 'Waymark');
	if (body.title) {
		const h = document.createElement('h3');
		h.textContent = body.title;
		item.append(h);
	}
	item.append(paragraph(body.summary || body.reply || ''));
	if (body.more) {
		const more = document.createElement('div');
		more.id = 'more-' + (++counter);
		more.hidden = true;
		more.append(paragraph(body.more));
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'soft';
		button.textContent = 'More';
		button.setAttribute('aria-expanded', 'false');
		button.setAttribute('aria-controls', more.id);
		button.addEventListener('click', () => {
			const open = more.hidden;
			more.hidden = !open;
			button.textContent = open ? 'Less' : 'More';
			button.setAttribute('aria-expanded', String(open));
		});
		item.append(more, button);
	}
	if (body.source && /^https?:\/\//.test(body.source)) {
		const p = document.createElement('p');
		p.className = 'source';
		const a = document.createElement('a');
		a.href = body.source;
		a.target = '_blank';
		a.rel = 'noopener noreferrer';
		a.textContent = 'Where this comes from (' + new URL(body.source).hostname.replace(/^www\./, '') + ')';
		p.append(a);
		item.append(p);
	}
	choices(item, body.choices);
	return item;
}

// "Did you mean": one button per article offered; pressing one sends its number.
function choices(item, list) {
	if (!list || !list.length) return;
	const group = document.createElement('div');
	group.className = 'choices';
	group.setAttribute('role', 'group');
	group.setAttribute('aria-label', 'Did you mean');
	for (const choice of list) {
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'soft choice';
		button.textContent = choice.title;
		button.addEventListener('click', () => send(choice.reply, choice.title));
		group.append(button);
	}
	item.append(group);
}

// The newest reply's top in view, below nothing: never its bottom, which for a long
// answer would hide the title and summary.
function show(item) {
	item.scrollIntoView({ block: 'start', behavior: 'instant' });
}

function note(text) {
	const item = bubble('bot', 'Waymark');
	item.append(paragraph(text));
	return item;
}

async function send(text, shown) {
	if (sending) return;
	sending = true;
	sends++;
	// choices offered earlier no longer mean anything once something else is sent
	for (const old of log.querySelectorAll('.choice')) old.disabled = true;
	mine(shown || text);
	let item;
	try {
		const response = await fetch('/api/v1/chat', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ text, language, conversationId })
		});
		const body = await response.json();
		if (body.conversationId) {
			// a new conversation has nothing before this reply to miss
			const fresh = body.conversationId !== conversationId;
			conversationId = body.conversationId;
			localStorage.setItem(KEY, conversationId);
			if (fresh || !listening) listen(fresh ? 0 : lastEvent);
		}
		if (response.ok) known += 2;
		item = response.ok ? reply(body) : note(body.message || 'Sorry, that did not work. Please try again.');
	} catch (e) {
		item = note('Sorry, Waymark could not be reached. Check your signal and try again. In danger? Call 999.');
	}
	sending = false;
	show(item);
}

document.getElementById('ask').addEventListener('submit', (event) => {
	event.preventDefault();
	const text = input.value.trim();
	if (!text) return;
	input.value = '';
	send(text);
});

document.getElementById('person').addEventListener('click', () => send(about.talkToAPerson));

async function json(url) {
	const response = await fetch(url);
	return response.ok ? response.json() : null;
}

function firstScreen(found) {
	if (!found) return;
	about = found;
	document.getElementById('council').textContent = found.council;
	const e = found.emergency;
	const lines = document.getElementById('helplines');
	lines.textContent = '';
	linked(lines, 'Feeling low? Samaritans: ' + e.samaritans + ', free, any time. Or text SHOUT to ' + e.shout + '.'
		+ (e.outOfHours ? ' Council out of hours: ' + e.outOfHours + '.' : ''));
	document.getElementById('privacy').textContent = 'We keep your messages for ' + found.keptMonths
		+ ' months. Council staff may read them to keep you safe. Do not write bank details or passwords.';
	const topics = document.getElementById('topics');
	for (const topic of found.topics) {
		const li = document.createElement('li');
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'soft';
		button.textContent = topic.charAt(0).toUpperCase() + topic.slice(1);
		button.addEventListener('click', () => send(topic, button.textContent));
		li.append(button);
		topics.append(li);
	}
}

// A reload shows the conversation so far; an id the server no longer knows is dropped.
async function history() {
	const response = await fetch('/api/v1/chat/' + encodeURIComponent(conversationId) + '/history');
	if (response.status === 404) {
		localStorage.removeItem(KEY);
		conversationId = null;
	}
	return response.ok ? response.json() : null;
}

function append(messages) {
	let last = null;
	for (const message of messages) {
		if (message.from === 'you') {
			mine(message.summary);
		} else {
			last = reply(message, message.from);
		}
	}
	known += messages.length;
	return last;
}

async function restore() {
	if (!conversationId) return;
	const found = await history();
	if (!found) return;
	// read out the newest reply, not the whole conversation again
	log.setAttribute('aria-busy', 'true');
	const last = append(found.messages);
	log.removeAttribute('aria-busy');
	if (last) show(last);
	listen(found.lastEventId);
}

// While the page is open a worker's reply comes on an event stream, going on after the
// newest message shown (null: from now). Lost, the browser reconnects by itself and the
// page looks at the history meanwhile; refused (not found, too many), the page only
// looks, once a minute. A message both ways is shown once: event ids are message ids.
let listening = null;
let polling = null;
let lastEvent = null;

function listen(after) {
	if (listening) listening.close();
	listening = null;
	lastEvent = after;
	if (!window.EventSource) return fallBack();
	const stream = new EventSource('/api/v1/chat/' + encodeURIComponent(conversationId) + '/events'
		+ (after == null ? '' : '?after=' + after));
	stream.onopen = () => {
		clearInterval(polling);
		polling = null;
	};
	stream.onmessage = (event) => {
		const id = Number(event.lastEventId);
		if (lastEvent != null && id <= lastEvent) return;
		lastEvent = id;
		const last = append([JSON.parse(event.data)]);
		if (last) show(last);
	};
	stream.onerror = () => {
		if (listening !== stream) return;
		if (stream.readyState === EventSource.CLOSED) listening = null;
		fallBack();
	};
	listening = stream;
}

function fallBack() {
	if (!polling) polling = setInterval(() => poll().catch(() => {}), 60000);
}

async function poll() {
	if (!conversationId || sending || document.hidden) return;
	const before = sends;
	const found = await history();
	if (!found || sending || sends !== before) return;
	const messages = found.messages;
	if (messages.length < known) {
		// older messages past the newest 100, or words cleared by retention
		known = messages.length;
		return;
	}
	const last = append(messages.slice(known));
	lastEvent = Math.max(lastEvent || 0, found.lastEventId);
	if (last) show(last);
}

// With large text the input bar grows; kept sticky it would hide much of every reply.
const bar = document.getElementById('ask');
function fitBar() {
	document.documentElement.classList.toggle('roomy', bar.offsetHeight > window.innerHeight / 4);
}
new ResizeObserver(fitBar).observe(bar);
window.addEventListener('resize', fitBar);

json('/api/v1/chat/about').then(firstScreen).catch(() => {});
restore().catch(() => {}).finally(() => conversationId && !listening && fallBack());
