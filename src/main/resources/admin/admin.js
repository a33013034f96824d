const api = '/api/v1/admin';
let editing = null; // {scope, id} of the article in the form, or null for a new one
const $ = id => document.getElementById(id);
const text = (tag, content) => { const e = document.createElement(tag); e.textContent = content; return e; };

async function call(method, path, body) {
	const response = await fetch(api + path, { method, headers: body ? { 'Content-Type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
	const data = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
	if (!response.ok) throw new Error((data && data.message) || response.statusText);
	return data;
}

async function list() {
	const articles = await call('GET', '/articles');
	const today = new Date().toISOString().slice(0, 10);
	const soon = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
	const rows = articles.map(a => {
		const tr = document.createElement('tr');
		const cell = document.createElement('td');
		const open = text('button', a.title);
		open.className = 'link';
		open.addEventListener('click', () => load(a.scope, a.id));
		cell.append(open);
		const review = text('td', a.reviewBy + (a.reviewBy < today ? ' (overdue)' : a.reviewBy <= soon ? ' (due soon)' : ''));
		review.className = a.reviewBy < today ? 'overdue' : a.reviewBy <= soon ? 'soon' : '';
		tr.append(cell, text('td', a.scope), text('td', a.status + (a.publishedVersion && a.publishedVersion !== a.currentVersion ? ' (newer draft)' : '')),
			text('td', a.language), review);
		return tr;
	});
	$('articles').replaceChildren(...rows);
}

async function load(scope, id) {
	const detail = await call('GET', `/articles/${scope}/${id}`);
	const a = detail.current;
	editing = { scope, id };
	for (const [key, value] of Object.entries({ scope: a.scope, id: a.id, title: a.title, topics: a.topics.join(', '),
		keywords: a.keywords.join(', '), summary: a.summary, source: a.source, reviewBy: a.reviewBy,
		language: a.language, body: a.body, changeNote: '' })) {
		$('f-' + key).value = value;
	}
	$('f-scope').readOnly = $('f-id').readOnly = true;
	$('edit-error').textContent = '';
	$('f-title').focus();
}

function formArticle() {
	const value = key => $('f-' + key).value;
	const list = key => value(key).split(',').map(s => s.trim()).filter(Boolean);
	return { scope: value('scope'), id: value('id'), title: value('title'), topics: list('topics'), keywords: list('keywords'),
		summary: value('summary'), source: value('source'), reviewBy: value('reviewBy'), language: value('language'),
		body: value('body'), changeNote: value('changeNote') };
}

async function save() {
	const article = formArticle();
	const saved = editing ? await call('PUT', `/articles/${editing.scope}/${editing.id}`, article)
		: await call('POST', '/articles', article);
	editing = { scope: saved.scope, id: saved.id };
	$('f-scope').readOnly = $('f-id').readOnly = true;
	return saved;
}

$('edit').addEventListener('submit', async event => {
	event.preventDefault();
	try { const saved = await save(); $('status').textContent = `Saved version ${saved.version} of ${saved.id} as a draft.`; $('edit-error').textContent = ''; await list(); }
	catch (error) { $('edit-error').textContent = error.message; }
});

$('publish').addEventListener('click', async () => {
	try {
		await save();
		const published = await call('POST', `/articles/${editing.scope}/${editing.id}/publish`);
		$('status').textContent = `Published version ${published.version} of ${published.id}.`;
		$('edit-error').textContent = '';
		await list();
	} catch (error) { $('edit-error').textContent = error.message; }
});

$('new').addEventListener('click', () => {
	editing = null;
	$('edit').reset();
	$('f-scope').readOnly = $('f-id').readOnly = false;
	$('f-scope').focus();
});

$('try').addEventListener('submit', async event => {
	event.preventDefault();
	const out = $('try-result');
	try {
		const tried = await call('POST', '/try', { question: $('t-question').value, language: $('t-language').value });
		const ranked = document.createElement('ol');
		ranked.setAttribute('aria-label', 'Ranked articles');
		tried.ranked.forEach(r => ranked.append(text('li', `${r.title} (${r.id}) - score ${r.score}`)));
		const sms = document.createElement('div');
		sms.id = 'try-sms';
		tried.reply.sms.forEach((part, i) => sms.append(text('pre', `SMS ${i + 1} (${part.segments} segment${part.segments === 1 ? '' : 's'}):\n${part.text}`)));
		const rich = text('pre', tried.reply.rich);
		rich.id = 'try-rich';
		out.replaceChildren(text('p', tried.confident ? 'The bot would answer:' : 'The bot is not sure and would say:'),
			sms, text('h3', 'Telegram and web chat'), rich, text('h3', 'Ranked articles'), ranked);
	} catch (error) { out.replaceChildren(text('p', error.message)); out.firstChild.setAttribute('role', 'alert'); }
});

list().catch(error => { $('status').textContent = error.message; });
