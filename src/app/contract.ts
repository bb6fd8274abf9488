/**
 * The server API the pages call over google.script.run, in one place: for each function, the
 * arguments the page sends and the data it gets back (inside an ApiResult). The pages' `call`
 * (src/ui/rpc.ts) takes its types from here, so a page can't send or expect the wrong shape;
 * the entry points (src/gas/main.ts) are checked against it by test/types/contract.check.ts, and
 * the server still validates every argument with zod (a page is not to be trusted).
 * Types only: nothing here is bundled.
 */
import type { BudgetOverview } from '../core/budget';
import type { OverviewView, SelfTestView, Viewer } from '../core/api';
import type { ImportPreview } from '../core/invite-csv';
import type { Role } from '../core/settings';
import type { AllocateResult, ChangeResult, CostResult, TransferResult } from './budget';
import type { DietView } from './answers';
import type { DecisionsView } from './decisions';
import type { CitableDecision } from './register';
import type { SummaryView } from './summary';
import type { CapFigures, GuestListView, StatusResult } from './guests';
import type { InvitationPreview, MailKind, SendProgress } from './merge';
import type { ReminderPlan, ReminderProgress } from './remind';
import type { ProgramView } from './program';
import type { ReviewView } from './review';
import type { RsvpAnswer } from './rsvp';
import type { SendPlan } from './send-plan';
import type { SettingsView } from './settings';

// --- Budget (Kostnader, Fördela budget) ---------------------------------------------

export interface BudgetForm {
  readonly user: string;
  readonly roles: readonly Role[];
  /** The caller may change the total budget (administrators). */
  readonly admin: boolean;
  /** yyyy-mm-dd in the script's time zone. */
  readonly today: string;
  readonly categories: readonly string[];
  readonly statuses: readonly string[];
  readonly overview: BudgetOverview;
  /** The taken decisions about a budget transfer a transfer may cite (newest first). */
  readonly decisions: readonly CitableDecision[];
  /** The Program items a cost may be tied to, in programme order. */
  readonly items: readonly CostItemOption[];
}

/** A Program item as the cost form offers it: "Middagen (P-003)" and the budget category its costs go to. */
export interface CostItemOption { readonly id: string; readonly label: string; readonly category: string }

export interface CostRow {
  readonly id: string;
  readonly row: number;
  readonly date: string;
  readonly funder: string;
  readonly category: string;
  readonly description: string;
  /** Öre, null when the cell is not a valid amount. */
  readonly amount: number | null;
  readonly supplier: string;
  readonly reference: string;
  readonly status: string;
  /** The Program item the cost is tied to ('' for none). */
  readonly item: string;
  readonly problem: boolean;
  readonly check: string;
  /** Why the row waits for review ('' when it is verified). Its figures are as Summit Planner last wrote them. */
  readonly review: string;
}

export interface CostList {
  readonly costs: readonly CostRow[];
  /** Rows matching the filter (the list is capped). */
  readonly matching: number;
  readonly total: number;
}

export interface CostFilter { readonly funder?: string; readonly status?: string; readonly limit?: number }

/** A saved change, with the server's message in the user's language. */
export interface Saved<T> { readonly message: string; readonly result: T }

/** What the cost form sends; amounts as typed ("12 500,50"): the server parses them in the user's language. */
export interface CostForm {
  readonly funder: string; readonly category: string; readonly description: string; readonly amount: string | number;
  readonly date: string; readonly supplier?: string; readonly reference?: string; readonly status?: string;
  /** A Program item's ID ("P-003"); absent or '' for none. */
  readonly item?: string;
}
export interface CostChangeForm { readonly id: string; readonly status?: string; readonly amount?: string | number }
export interface TransferForm {
  readonly from: string; readonly to: string; readonly amount: string | number; readonly decisionRef: string; readonly comment?: string;
}
export interface AllocateForm {
  readonly total?: string | number;
  readonly allocations: readonly { readonly funder: string; readonly amount: string | number }[];
}

// --- Gäster, Inbjudningar -------------------------------------------------------------

export interface GuestsViewer extends Viewer {
  /** What guests can be invited to: item IDs (Program), or the old free-text parts until set-up carries them over. */
  readonly events: readonly string[];
  /** How each is named to people ("Middagen (P-003)"). */
  readonly eventNames: Readonly<Record<string, string>>;
}
export interface GuestsView extends GuestsViewer {
  readonly admin: boolean;
  readonly list: GuestListView;
  /** The taken decisions about the invitation list an approval may cite (newest first). */
  readonly decisions: readonly CitableDecision[];
}
export interface SendPlanView extends GuestsViewer { readonly plan: SendPlan }
export interface ReminderPlanView extends GuestsViewer { readonly plan: ReminderPlan }
/** One batch of a reminder round: `round` 0 starts a new round, else the round to continue. */
export interface ReminderBatch { readonly batchSize: number; readonly round: number }

export type GuestLanguage = 'sv' | 'en';
export interface GuestForm {
  readonly id?: string;
  readonly firstName?: string; readonly lastName?: string; readonly email?: string; readonly language?: GuestLanguage;
  readonly title?: string; readonly organisation?: string; readonly country?: string;
  readonly events?: readonly string[]; readonly diet?: string; readonly note?: string;
}
export interface GuestIds { readonly ids: readonly string[] }
/** An approval cites the steering group's decision on the invitation list (its ID in Beslut). */
export interface ApproveForm { readonly ids: readonly string[]; readonly decision: string }
export interface ImportForm { readonly text: string; readonly defaultLanguage?: GuestLanguage }
/** A guest, and which of their mails (the invitation unless `kind` says the reminder). */
export interface GuestRef { readonly guestId: string; readonly kind?: MailKind }
/** Återbud recorded by the project leader for one guest (src/app/cancel.ts). */
export interface CancelForm { readonly id: string }
/** A guest whose failed confirmation the project leader mails again (src/app/confirm-resend.ts). */
export interface ConfirmResendForm { readonly id: string }
/** The caterer's dietary list; `names` only for the project leader. */
export interface DietForm { readonly names: boolean }

// --- Program ----------------------------------------------------------------------------

/** An item as the form sends it (times "HH:MM", the date YYYY-MM-DD, capacity '' for no limit); no id adds one. */
export interface ProgramItemForm {
  readonly id?: string;
  readonly title: string; readonly type: string; readonly date: string; readonly start: string; readonly end: string;
  readonly place?: string; readonly organiser: string; readonly responsible?: string;
  readonly capacity?: string | number; readonly category?: string; readonly note?: string;
}
export interface ProgramStatusForm { readonly id: string; readonly status: 'förslag' | 'beslutad' }
export interface ProgramRef { readonly id: string }

// --- Beslut (the steering group's decision register) -------------------------------------

/** A decision as the sidebar sends it (date yyyy-mm-dd; subject and status from the register's lists). */
export interface DecisionForm {
  readonly date: string; readonly subject: string; readonly text: string; readonly reference?: string;
  readonly decidedBy: string; readonly status: string; readonly note?: string;
}
export interface DecisionChangeForm extends DecisionForm { readonly id: string }

// --- Administration -------------------------------------------------------------------

export interface SettingsForm { readonly sheet: 'settings' | 'event'; readonly values: Readonly<Record<string, string | number>> }
export interface ReviewDecision { readonly id: string; readonly action: 'confirm' | 'undo'; readonly note?: string }
export interface Said { readonly message: string }

// --- RSVP page ------------------------------------------------------------------------

export interface RsvpForm {
  readonly w?: string; readonly g: string; readonly v: string | number; readonly t: string;
  /** One answer for everything: a guest invited to no programme item (or to the old free-text parts). */
  readonly answer?: 'ja' | 'nej';
  /** An answer per programme item the guest is invited to (ID → yes, no, or the waiting list of a full item). */
  readonly answers?: Record<string, 'ja' | 'nej' | 'vänta'>;
  readonly diet?: string; readonly consent?: boolean;
}

/**
 * One server function: the page's argument list, the data of a successful ApiResult and what a
 * refusal brings besides its message (the figures the page shows, as they are after the refusal).
 */
interface Fn<A extends readonly unknown[], D, R = never> { readonly args: A; readonly data: D; readonly refusal: R }

export interface ServerApi {
  getOverview: Fn<[], OverviewView>;
  getBudgetForm: Fn<[], BudgetForm>;
  listCosts: Fn<[] | [CostFilter], CostList>;
  // A save's data holds the budget after it (result.overview); a refusal brings the budget as it is then.
  recordCost: Fn<[CostForm], Saved<Omit<CostResult, 'message'>>, BudgetOverview>;
  updateCost: Fn<[CostChangeForm], Saved<Omit<ChangeResult, 'message'>>, BudgetOverview>;
  transferFunds: Fn<[TransferForm], Saved<Omit<TransferResult, 'message'>>, BudgetOverview>;
  allocate: Fn<[AllocateForm], Saved<Omit<AllocateResult, 'message'>>, BudgetOverview>;

  getGuests: Fn<[], GuestsView>;
  saveGuest: Fn<[GuestForm], { id: string }>;
  approve: Fn<[ApproveForm], StatusResult, CapFigures>;
  getDietaryList: Fn<[DietForm], DietView>;
  unapprove: Fn<[GuestIds], StatusResult>;
  resolveSend: Fn<[{ id: string; to: 'Inbjuden' | 'Godkänd' }], StatusResult>;
  // Återbud; the seats it frees are offered to the waiting list at once (`offers`: how many were mailed).
  cancelGuest: Fn<[CancelForm], { offers: number; message: string }>;
  // "Skicka bekräftelsen igen": only when Logg proves the failed confirmation left nothing.
  resendConfirmation: Fn<[ConfirmResendForm], Said>;
  // "Markera som hanterad": the failed confirmation's note line goes, logged.
  dismissConfirmation: Fn<[ConfirmResendForm], Said>;
  previewImport: Fn<[ImportForm], ImportPreview>;
  importGuestRows: Fn<[ImportForm], { imported: string[]; preview: ImportPreview }>;
  purgePersonalData: Fn<[{ confirm: true }], { purged: number; message: string }>;
  getSendPlan: Fn<[], SendPlanView>;
  previewMail: Fn<[GuestRef], InvitationPreview>;
  sendTestMail: Fn<[GuestRef], { to: string }>;
  sendInvitations: Fn<[{ batchSize: number }], SendProgress>;
  getReminderPlan: Fn<[], ReminderPlanView>;
  sendReminders: Fn<[ReminderBatch], ReminderProgress>;

  getProgram: Fn<[], ProgramView>;
  saveProgramItem: Fn<[ProgramItemForm], { id: string; message: string }>;
  decideProgramItem: Fn<[ProgramStatusForm], Said>;
  deleteProgramItem: Fn<[ProgramRef], Said>;
  getDecisions: Fn<[], DecisionsView>;
  recordDecision: Fn<[DecisionForm], { id: string; message: string }>;
  changeDecision: Fn<[DecisionChangeForm], { id: string; message: string }>;
  /** Beslutsunderlag: everything the printable summary shows, in one round trip. Anyone may read. */
  getSummary: Fn<[], SummaryView>;
  /** Opens Beslutsunderlag in a dialog from the Beslut sidebar (answers nothing). */
  menuSummary: Fn<[], void>;

  getSettings: Fn<[], SettingsView>;
  saveSettings: Fn<[SettingsForm], { changed: readonly string[]; message: string }>;
  getReview: Fn<[], ReviewView>;
  decideChange: Fn<[ReviewDecision], Said>;
  acceptLog: Fn<[], Said>;
  getSelfTest: Fn<[], SelfTestView>;
  /** Opens Granska ändringar from another sidebar (a menu item: no ApiResult, it answers nothing). */
  menuReview: Fn<[], void>;

  submitRsvp: Fn<[RsvpForm], RsvpAnswer>;
}

/**
 * For the server's zod schemas: `Holds<Same<z.output<typeof schema>, ContractType>>` fails to compile
 * unless the schema accepts exactly what the contract lets a page send (properties' readonly aside).
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Holds<T extends true> = T;

export type ServerFn = keyof ServerApi;
export type ArgsOf<K extends ServerFn> = ServerApi[K]['args'];
export type DataOf<K extends ServerFn> = ServerApi[K]['data'];
export type RefusalOf<K extends ServerFn> = ServerApi[K]['refusal'];
