// Runs before decap-cms.js: zp-editor.js registers the portal's formats, widgets and preview first,
// then starts the editor itself (a file, not an inline script: the site's CSP allows only 'self').
window.CMS_MANUAL_INIT = true;
