/**
 * The shipped artifact: appsscript/Code.js must be a classic script whose
 * top-level names are exactly the declared entry points (plus the one IIFE
 * global), with no work at global scope.
 */
import * as acorn from 'acorn';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const root = path.resolve(__dirname, '../..');
const code = fs.readFileSync(path.join(root, 'appsscript/Code.js'), 'utf8');

/** The entry points the add-on declares (src/gas/main.ts). Change both together. */
const DECLARED_ENTRY_POINTS = [
  'SUMMIT_AVAILABLE',
  // Gäster and Inbjudningar (issue 4)
  'approve',
  'getDietaryList',
  'getGuests',
  'getSendPlan',
  'importGuestRows',
  'menuGuests',
  'menuInvitations',
  'previewImport',
  'previewMail',
  'resolveSend',
  'saveGuest',
  'sendInvitations',
  'sendTestMail',
  'unapprove',
  // Återbud recorded in Gäster; its freed seats go to the waiting list (issue 10)
  'cancelGuest',
  // A failed confirmation of an answer mailed again, only when nothing left (issue 10)
  'resendConfirmation',
  'dismissConfirmation',
  // Reminders (Skicka påminnelse, in the Inbjudningar sidebar)
  'getReminderPlan',
  'menuReminders',
  'sendReminders',
  // Beslut and Beslutsunderlag (issue 10)
  'changeDecision',
  'getDecisions',
  'getSummary',
  'menuDecisions',
  'menuSummary',
  'recordDecision',
  // RSVP web app
  'doGet',
  'submitRsvp',
  'allocate',
  'getBudgetForm',
  'getOverview',
  'listCosts',
  'menuBudget',
  'menuCosts',
  'menuOverview',
  'menuSetup',
  'menuVerifyLog',
  'recordCost',
  'transferFunds',
  'updateCost',
  'onEdit',
  'onInstall',
  'onOpen',
  // Rules that hold against every editor (issue 7)
  'acceptLog',
  'decideChange',
  'getReview',
  'getSettings',
  'menuReview',
  'menuSettings',
  'purgePersonalData',
  'saveSettings',
  // Installation self-test (issue 8)
  'getSelfTest',
  // Programme (issue 10)
  'decideProgramItem',
  'deleteProgramItem',
  'getProgram',
  'menuProgram',
  'saveProgramItem',
  'menuSelfTest',
].sort();

test('Code.js parses as a classic script (no import/export)', () => {
  expect(() => acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
  expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
});

test('top-level names are exactly the declared entry points plus SummitPlanner', () => {
  const ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' }) as unknown as {
    body: { type: string; id?: { name: string }; declarations?: { id: { name: string } }[] }[];
  };
  const functions: string[] = [];
  const variables: string[] = [];
  for (const node of ast.body) {
    if (node.type === 'FunctionDeclaration' && node.id) functions.push(node.id.name);
    if (node.type === 'VariableDeclaration') variables.push(...(node.declarations ?? []).map((d) => d.id.name));
    if (node.type === 'ClassDeclaration' && node.id) variables.push(node.id.name);
  }
  expect(functions.sort()).toEqual(DECLARED_ENTRY_POINTS);
  expect(variables).toEqual(['SummitPlanner']);
  for (const f of functions) expect(f.endsWith('_')).toBe(false);
});

test('global scope does no work: evaluates in a context with no services at all', () => {
  const context = vm.createContext({});
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
  const names = Object.keys(context).sort();
  expect(names).toEqual([...DECLARED_ENTRY_POINTS, 'SummitPlanner'].sort());
  expect(vm.runInContext('typeof require + typeof module + typeof process', context)).toBe('undefinedundefinedundefined');
});

test('clasp would push exactly the manifest, Code.js and the pages', () => {
  const files = fs.readdirSync(path.join(root, 'appsscript')).sort();
  expect(files.filter((f) => !/\.(js|html)$/.test(f))).toEqual(['appsscript.json']);
  expect(files.filter((f) => f.endsWith('.js'))).toEqual(['Code.js']);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'appsscript/appsscript.json'), 'utf8'));
  expect(manifest.timeZone).toBe('Europe/Stockholm');
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  // Least privilege: exactly these. `spreadsheets`, not `spreadsheets.currentonly`: the RSVP web app of an
  // add-on has no document of its own and opens the workbook by ID (apps-script-platform.md, "Execution
  // contexts"). MailApp's narrow scope; no Gmail, Drive or external-request scope.
  expect([...manifest.oauthScopes].sort()).toEqual([
    'https://www.googleapis.com/auth/script.container.ui',
    'https://www.googleapis.com/auth/script.send_mail',
    'https://www.googleapis.com/auth/spreadsheets',
    'https://www.googleapis.com/auth/userinfo.email',
  ]);
});

test('pages are self-contained (no external scripts or styles) and keep only the scriptlets we wrote', () => {
  for (const f of fs.readdirSync(path.join(root, 'appsscript')).filter((x) => x.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(root, 'appsscript', f), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/<\?!=/); // no raw output anywhere
    const inline = html.slice(html.indexOf('<script>'));
    expect(inline).not.toMatch(/<\?/);
  }
});
