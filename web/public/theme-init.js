// Applies the saved theme before the first paint, so a dark page never flashes white.
// A file rather than an inline script, so a strict CSP on the app page still allows it.
try {
  var theme = localStorage.getItem('insightx-theme');
  if (theme === 'dark' || (!theme && matchMedia('(prefers-color-scheme: dark)').matches)) document.documentElement.classList.add('dark');
} catch (error) {}
