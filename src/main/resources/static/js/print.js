// The printable pathway-plan page's Print button (no inline handlers: see the CSP).
document.getElementById('print').addEventListener('click', () => window.print());
