// Governance: the Networks and assets waiting for whitelisting and a form to propose it (a
// referendum on the network_whitelister track, a Council motion, or Sudo on development
// chains); the referenda with their track, phase, tally and time left, the decision deposit
// and conviction votes; and the Council's motions with their votes, to vote on and close.

import type { AssetKind, Chain } from "../chain";
import { bytesToText } from "../chain";
import { getSs58AddressInfo } from "polkadot-api";
import {
  approval,
  CONVICTIONS,
  lockEnds,
  phaseOf,
  readVoteByte,
  support,
  threshold,
  trackName,
  twoThirds,
  unlockable,
  voteBalance,
  voteByte,
  type AccountVote,
  type ClassVoting,
  type ConvictionName,
  type Curve,
  type TrackPeriods,
} from "../lib/governance";
import { countdown, formatAmount, formatPerbill, parseAmount, PERBILL, shortAddress } from "../lib/format";
import { nameOf, type View } from "../state";
import { TxControl, type Prepared } from "../tx";
import { amountInput, card, describe, field, h, keepCurrent, mount } from "../ui";

const at = { at: "best" } as const;
/** Synthetic reward tokens take the asset ids from here up; they are never whitelisted. */
const SYNTHETIC_TOKEN_BASE = 2 ** 31;

interface Track extends TrackPeriods {
  id: number;
  name: string;
  decisionDeposit: bigint;
  minApproval: Curve;
  minSupport: Curve;
}

interface PendingNetwork {
  id: number;
  name: string;
  kind: string;
  manager: string;
  deposit: string;
  reward: string;
}

interface WaitingAsset {
  id: number;
  symbol: string;
  name: string;
}

interface Referendum {
  index: number;
  track?: Track;
  trackId: number;
  status: string;
  /** For finished referenda: the block they ended at. */
  endedAt?: number;
  ongoing?: {
    submitted: number;
    proposal: string;
    hasDecisionDeposit: boolean;
    inQueue: boolean;
    deciding?: { since: number; confirming?: number };
    ayes: bigint;
    nays: bigint;
    support: bigint;
  };
}

interface Motion {
  hash: string;
  index: number;
  threshold: number;
  ayes: string[];
  nays: string[];
  end: number;
  call: string;
  /** The proposal's encoded length and weight, which closing it names. */
  length: number;
  weight?: { ref_time: bigint; proof_size: bigint };
}

interface Governance {
  tracks: Track[];
  undecidingTimeout: number;
  issuance: bigint;
  pending: PendingNetwork[];
  assets: WaitingAsset[];
  referenda: Referendum[];
  members: string[];
  motions: Motion[];
  sudoKey?: string;
}

const json = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? bytesToHex(v) : v));

function bytesToHex(bytes: Uint8Array): string {
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A decoded call as a line of text: `Marketplace.whitelist_network {"network":3}`. */
function describeCall(call: { type: string; value: { type: string; value?: unknown } }): string {
  const args = call.value.value;
  const text = args === undefined || (typeof args === "object" && args && !Object.keys(args).length) ? "" : json(args);
  const line = `${call.type}.${call.value.type}${text ? ` ${text}` : ""}`;
  return line.length > 240 ? `${line.slice(0, 237)}…` : line;
}

type DecodedCall = { type: string; value: { type: string; value?: unknown } };

async function describeEncoded(chain: Chain, bytes: Uint8Array): Promise<string> {
  try {
    const tx = await chain.api.txFromCallData(bytes, at);
    return describeCall(tx.decodedCall as DecodedCall);
  } catch {
    return `a call of ${bytes.length} bytes that this runtime does not decode`;
  }
}

async function readGovernance(chain: Chain): Promise<Governance> {
  const { api } = chain;
  const [rawTracks, undecidingTimeout, total, inactive, networks, assetEntries, whitelisted, infos, members, hashes] =
    await Promise.all([
      api.constants.Referenda.Tracks(),
      api.constants.Referenda.UndecidingTimeout(),
      api.query.Balances.TotalIssuance.getValue(at),
      api.query.Balances.InactiveIssuance.getValue(at),
      api.apis.MarketplaceApi.networks(at),
      api.query.Assets.Asset.getEntries(at),
      api.query.Marketplace.WhitelistedAssets.getEntries(at),
      api.query.Referenda.ReferendumInfoFor.getEntries(at),
      api.query.Council.Members.getValue(at),
      api.query.Council.Proposals.getValue(at),
    ]);
  const tracks: Track[] = rawTracks.map(([id, info]) => ({
    id,
    name: trackName(info.name as string | Uint8Array),
    decisionDeposit: info.decision_deposit,
    preparePeriod: info.prepare_period,
    decisionPeriod: info.decision_period,
    confirmPeriod: info.confirm_period,
    minEnactmentPeriod: info.min_enactment_period,
    minApproval: info.min_approval as Curve,
    minSupport: info.min_support as Curve,
  }));

  const pending = await Promise.all(
    networks
      .filter((n) => n.network.status.type === "Pending")
      .map(async ({ id, network, metadata }) => {
        const [deposit, reward] = await Promise.all([
          chain.token(network.terms.deposit_asset as AssetKind),
          chain.token(network.terms.reward_asset as AssetKind),
        ]);
        return {
          id,
          name: bytesToText(metadata.name) || `Network ${id}`,
          kind: network.terms.kind.type,
          manager: network.manager,
          deposit: deposit.symbol,
          reward: reward.symbol,
        };
      }),
  );

  const listed = new Set(
    whitelisted.map(({ keyArgs: [asset] }) => (asset.type === "WithId" ? asset.value : -1)).filter((id) => id >= 0),
  );
  const assets = await Promise.all(
    assetEntries
      .map(({ keyArgs: [id] }) => id)
      .filter((id) => id < SYNTHETIC_TOKEN_BASE && !listed.has(id))
      .sort((a, b) => a - b)
      .map(async (id) => {
        const meta = await api.query.Assets.Metadata.getValue(id, at);
        return { id, symbol: bytesToText(meta.symbol) || `asset ${id}`, name: bytesToText(meta.name) };
      }),
  );

  const referenda = await Promise.all(
    infos.map(async ({ keyArgs: [index], value }): Promise<Referendum> => {
      if (value.type === "Ongoing") {
        const s = value.value;
        const track = tracks.find((t) => t.id === s.track);
        const proposal =
          s.proposal.type === "Inline"
            ? await describeEncoded(chain, s.proposal.value)
            : s.proposal.type === "Lookup"
              ? `the preimage ${shortAddress(String(s.proposal.value.hash))} (${s.proposal.value.len} bytes)`
              : `the preimage ${shortAddress(String(s.proposal.value.hash))}`;
        return {
          index,
          track,
          trackId: s.track,
          status: "Ongoing",
          ongoing: {
            submitted: s.submitted,
            proposal,
            hasDecisionDeposit: s.decision_deposit !== undefined,
            inQueue: s.in_queue,
            deciding: s.deciding && { since: s.deciding.since, confirming: s.deciding.confirming },
            ayes: s.tally.ayes,
            nays: s.tally.nays,
            support: s.tally.support,
          },
        };
      }
      const ended = value.value as unknown;
      return {
        index,
        trackId: -1,
        status: value.type,
        endedAt: Array.isArray(ended) ? Number(ended[0]) : typeof ended === "number" ? ended : undefined,
      };
    }),
  );
  referenda.sort((a, b) => b.index - a.index);

  const motions = (
    await Promise.all(
      hashes.map(async (hash): Promise<Motion | null> => {
        const [proposal, voting] = await Promise.all([
          api.query.Council.ProposalOf.getValue(hash, at),
          api.query.Council.Voting.getValue(hash, at),
        ]);
        if (!proposal || !voting) return null;
        const call = proposal as DecodedCall;
        let length = 0;
        let weight: Motion["weight"];
        try {
          const tx = (api.tx as any)[call.type][call.value.type](call.value.value);
          const encoded: Uint8Array = await tx.getEncodedData();
          length = encoded.length;
          const info = await api.apis.TransactionPaymentCallApi.query_call_info(proposal, length, at);
          weight = info.weight;
        } catch {
          weight = undefined;
        }
        return {
          hash,
          index: voting.index,
          threshold: voting.threshold,
          ayes: voting.ayes,
          nays: voting.nays,
          end: voting.end,
          call: describeCall(call),
          length,
          weight,
        };
      }),
    )
  ).filter((m): m is Motion => m !== null);

  let sudoKey: string | undefined;
  if (chain.development) {
    try {
      sudoKey = await api.query.Sudo.Key.getValue(at);
    } catch {
      sudoKey = undefined; // a runtime without Sudo
    }
  }

  return {
    tracks,
    undecidingTimeout,
    issuance: total > inactive ? total - inactive : total,
    pending,
    assets,
    referenda,
    members,
    motions,
    sudoKey,
  };
}

/** What the account does on one track: votes or a delegation, and the NEK locked there. */
interface TrackVoting {
  track: number;
  locked: bigint;
  votes: { index: number; vote: AccountVote }[];
  delegating?: { target: string; conviction: ConvictionName; balance: bigint };
  prior: { until: number; amount: bigint };
}

/** The account's votes, delegations and conviction locks, by track. */
async function readVoting(chain: Chain, who: string): Promise<TrackVoting[]> {
  const { api } = chain;
  const [entries, locks] = await Promise.all([
    api.query.ConvictionVoting.VotingFor.getEntries(who, at),
    api.query.ConvictionVoting.ClassLocksFor.getValue(who, at),
  ]);
  const byTrack = new Map<number, TrackVoting>();
  const of = (track: number) => {
    let t = byTrack.get(track);
    if (!t) {
      t = { track, locked: 0n, votes: [], prior: { until: 0, amount: 0n } };
      byTrack.set(track, t);
    }
    return t;
  };
  for (const { keyArgs, value } of entries) {
    const t = of(keyArgs[1]);
    if (value.type === "Casting") {
      t.votes = value.value.votes.map(([index, vote]) => ({ index, vote: vote as AccountVote }));
      t.prior = { until: value.value.prior[0], amount: value.value.prior[1] };
    } else {
      const d = value.value;
      t.delegating = { target: d.target, conviction: d.conviction.type as ConvictionName, balance: d.balance };
      t.prior = { until: d.prior[0], amount: d.prior[1] };
    }
  }
  for (const [track, amount] of locks) of(track).locked = amount;
  // A track with nothing recorded and nothing locked is not shown.
  return [...byTrack.values()]
    .filter((t) => t.locked > 0n || t.votes.length > 0 || t.delegating || t.prior.amount > 0n)
    .sort((a, b) => a.track - b.track);
}

const classVoting = (t: TrackVoting): ClassVoting => ({
  votes: t.votes.map((v) => voteBalance(v.vote)),
  delegated: t.delegating?.balance,
  prior: t.prior,
});

/** The conviction choices of a vote or a delegation, Locked1x chosen. */
const convictionSelect = (key: string) =>
  h(
    "select",
    { "data-field": key, "aria-label": "Conviction" },
    CONVICTIONS.map((c) =>
      h(
        "option",
        { value: c.name, selected: c.name === "Locked1x" },
        c.periods ? `${c.name}: ${c.multiplier}, locked ${c.periods}× 7 days` : `${c.name}: ${c.multiplier}, no lock`,
      ),
    ),
  );

export const governanceView: View = (state, root) => {
  const { chain } = state;
  const native = chain.native;
  const note = h("p", { class: "muted", "data-role": "loading" }, "Reading governance…");
  const pendingEl = h("div", {});
  const proposeEl = h("div", {});
  const ongoingEl = h("div", { class: "governance-grid" });
  const recentEl = h("div", {});
  const councilEl = h("div", {});
  const motionsEl = h("div", { class: "governance-grid" });
  const sudoEl = h("div", {});
  const myVotesEl = h("div", { class: "governance-grid" });
  const delegateHost = h("div", {});
  mount(
    root,
    h("h1", {}, "Governance"),
    note,
    h("section", { "data-section": "pending" }, h("h2", {}, "Waiting for whitelisting"), pendingEl, proposeEl),
    h(
      "section",
      { "data-section": "referenda" },
      h("h2", {}, "Referenda"),
      h(
        "p",
        { class: "muted" },
        "A referendum is decided once its prepare period has passed and its decision deposit is placed; it passes when approval and support stay above their track's curves for the confirm period. A vote locks its NEK for its conviction's periods after the referendum ends.",
      ),
      ongoingEl,
      h("h3", {}, "Recent"),
      recentEl,
    ),
    h(
      "section",
      { "data-section": "my-votes" },
      h("h2", {}, "Your votes, delegations and locks"),
      myVotesEl,
      delegateHost,
    ),
    h("section", { "data-section": "council" }, h("h2", {}, "Council"), councilEl, motionsEl),
    h("section", { "data-section": "sudo" }, sudoEl),
  );

  let data: Governance | null = null;
  const controls = new Set<TxControl>();
  const account = () => state.account;
  const reload = () => void load();
  const control = (options: ConstructorParameters<typeof TxControl>[2]) => {
    const c = new TxControl(chain, account, { ...options, onDone: reload });
    controls.add(c);
    return c;
  };

  // The proposal form: what to whitelist, and through which route.
  const target = h("select", { "data-field": "target", "aria-label": "What to whitelist" });
  const route = h("select", { "data-field": "route", "aria-label": "Through" });
  const proposeInfo = h("p", { class: "muted", "data-role": "propose-info" });
  const whitelistCall = (key: string) => {
    const [kind, id] = key.split(":");
    return kind === "network"
      ? chain.api.tx.Marketplace.whitelist_network({ network: Number(id) })
      : chain.api.tx.Marketplace.whitelist_asset({ asset: { type: "WithId", value: Number(id) } });
  };
  const propose = control({
    label: "Propose",
    prepare: async (): Promise<Prepared> => {
      if (!data) return { error: "" };
      if (!target.value) return { error: "Nothing waits for whitelisting." };
      const call = whitelistCall(target.value);
      if (route.value === "referendum") {
        const track = data.tracks.find((t) => t.name === "network_whitelister");
        mount(
          proposeInfo,
          `Submitting holds ${formatAmount(await chain.api.constants.Referenda.SubmissionDeposit(), native.decimals, native.symbol)}; the referendum is decided once someone places the track's decision deposit${track ? ` of ${formatAmount(track.decisionDeposit, native.decimals, native.symbol)}` : ""}.`,
        );
        const encoded = await call.getEncodedData();
        return {
          tx: chain.api.tx.Referenda.submit({
            proposal_origin: { type: "Origins", value: { type: "NetworkWhitelister", value: undefined } },
            proposal: { type: "Inline", value: encoded },
            enactment_moment: { type: "After", value: 0 },
          }),
        };
      }
      if (route.value === "council") {
        const who = state.account?.address;
        if (who && !data.members.includes(who)) return { error: "Only a Council member may propose a motion." };
        const encoded = await call.getEncodedData();
        const needed = twoThirds(data.members.length);
        mount(proposeInfo, `The motion passes with ${needed} of the ${data.members.length} members' ayes.`);
        return {
          tx: chain.api.tx.Council.propose({
            threshold: needed,
            proposal: call.decodedCall,
            length_bound: encoded.length,
          }),
        };
      }
      if (route.value === "sudo") {
        if (state.account && state.account.address !== data.sudoKey)
          return { error: "Only the Sudo key may dispatch through Sudo." };
        mount(proposeInfo, "The Sudo key dispatches the call at once, as Root.");
        return { tx: chain.api.tx.Sudo.sudo({ call: call.decodedCall }) };
      }
      return { error: "Choose a route." };
    },
  });
  target.addEventListener("change", () => void propose.refresh());
  route.addEventListener("change", () => void propose.refresh());
  mount(
    proposeEl,
    card(
      "propose",
      "Propose whitelisting",
      h("div", { class: "inline-fields" }, field("Whitelist", target), field("Through", route)),
      proposeInfo,
      propose.el,
    ),
  );

  let proposeSignature = "";
  const renderProposeChoices = (g: Governance) => {
    const chosen = target.value;
    const signature = `${g.pending.map((n) => n.id).join()}|${g.assets.map((a) => a.id).join()}|${g.sudoKey ?? ""}`;
    if (signature === proposeSignature) return;
    proposeSignature = signature;
    const options = [
      ...g.pending.map((n) => [`network:${n.id}`, `Network #${n.id} ${n.name}`]),
      ...g.assets.map((a) => [`asset:${a.id}`, `Asset ${a.id} ${a.symbol}`]),
    ];
    mount(
      target,
      options.length
        ? options.map(([value, label]) => h("option", { value, selected: value === chosen }, label))
        : h("option", { value: "" }, "nothing waiting"),
    );
    const routes: [string, string][] = [
      ["referendum", "a referendum on the network_whitelister track"],
      ["council", "a Council motion (two thirds)"],
    ];
    if (g.sudoKey) routes.push(["sudo", "Sudo (development chain)"]);
    const chosenRoute = route.value || "referendum";
    mount(
      route,
      routes.map(([value, label]) => h("option", { value, selected: value === chosenRoute }, label)),
    );
    void propose.refresh();
  };

  const renderPending = (g: Governance) => {
    mount(
      pendingEl,
      g.pending.length
        ? h(
            "table",
            {},
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Network", "Kind", "Manager", "Deposit", "Reward"].map((t) => h("th", {}, t)),
              ),
            ),
            h(
              "tbody",
              {},
              g.pending.map((n) =>
                h(
                  "tr",
                  { "data-pending-network": n.id },
                  h("td", {}, `#${n.id} ${n.name}`),
                  h("td", {}, n.kind),
                  h("td", {}, nameOf(state, n.manager)),
                  h("td", {}, n.deposit),
                  h("td", {}, n.reward),
                ),
              ),
            ),
          )
        : h("p", { class: "muted", "data-role": "no-pending" }, "No Network waits for whitelisting."),
      g.assets.length
        ? h(
            "p",
            { "data-role": "waiting-assets" },
            "Assets not whitelisted yet: ",
            g.assets.map((a) => `${a.symbol} (asset ${a.id}${a.name ? `, ${a.name}` : ""})`).join(", "),
          )
        : h("p", { class: "muted" }, "Every asset is whitelisted."),
    );
  };

  // Referendum cards are kept across blocks so that a vote in flight keeps its progress.
  const cards = new Map<
    number,
    { el: HTMLElement; update: (r: Referendum) => void; finish: (status: string) => void }
  >();
  const createCard = (r: Referendum) => {
    const title = h("h3", {});
    const proposal = h("p", { "data-role": "proposal" });
    const phase = h("p", { "data-role": "phase" });
    const tally = h("div", { class: "tally", "data-role": "tally" });
    let current = r;
    const deposit = control({
      label: "Place the decision deposit",
      prepare: (): Prepared => {
        // The note above says so; the control stays quiet.
        if (current.ongoing?.hasDecisionDeposit) return { error: "" };
        return { tx: chain.api.tx.Referenda.place_decision_deposit({ index: r.index }) };
      },
    });
    deposit.el.dataset.action = "decision-deposit";
    const depositNote = h("p", { class: "muted" });
    const direction = h(
      "select",
      { "data-field": "direction", "aria-label": "Vote" },
      h("option", { value: "aye" }, "Aye"),
      h("option", { value: "nay" }, "Nay"),
    );
    const conviction = convictionSelect("conviction");
    const amount = amountInput("vote-amount");
    const vote = control({
      label: "Vote",
      prepare: async (): Promise<Prepared> => {
        if (!current.ongoing) return { error: "Voting has closed." };
        if (!amount.value.trim()) return { error: "" };
        const parsed = parseAmount(amount.value, native.decimals);
        if (!parsed.ok) return { error: parsed.error };
        if (parsed.value === 0n) return { error: "Vote with an amount above zero." };
        if (state.account) {
          const held = await chain.api.query.System.Account.getValue(state.account.address, at);
          if (parsed.value > held.data.free + held.data.reserved)
            return {
              error: `This account holds ${formatAmount(held.data.free + held.data.reserved, native.decimals, native.symbol)} in all.`,
            };
        }
        return {
          tx: chain.api.tx.ConvictionVoting.vote({
            poll_index: r.index,
            vote: {
              type: "Standard",
              value: {
                vote: voteByte(direction.value === "aye", conviction.value as ConvictionName),
                balance: parsed.value,
              },
            },
          }),
        };
      },
    });
    vote.el.dataset.action = "vote";
    for (const el of [direction, conviction]) el.addEventListener("change", () => void vote.refresh());
    amount.addEventListener("input", () => void vote.refresh());
    const voteForm = h(
      "form",
      { "data-form": "vote", onsubmit: (e: Event) => e.preventDefault() },
      h(
        "div",
        { class: "inline-fields" },
        field("Vote", direction),
        field("Conviction", conviction),
        field(`Amount (${native.symbol})`, amount),
      ),
      vote.el,
    );
    const depositBox = h("div", {}, depositNote, deposit.el);
    const update = (next: Referendum) => {
      const hadDeposit = current.ongoing?.hasDecisionDeposit;
      current = next;
      const o = next.ongoing!;
      const track = next.track;
      mount(
        title,
        `#${next.index} · `,
        h("span", { "data-role": "track" }, track?.name ?? `track ${next.trackId}`),
        " · ",
        h("span", { class: "badge", "data-role": "status" }, next.status),
      );
      proposal.textContent = o.proposal;
      const p = track
        ? phaseOf(
            {
              submitted: o.submitted,
              hasDecisionDeposit: o.hasDecisionDeposit,
              inQueue: o.inQueue,
              deciding: o.deciding,
            },
            track,
            data?.undecidingTimeout,
          )
        : undefined;
      phase.dataset.phase = p?.phase ?? "";
      phase.textContent = p
        ? "until" in p && p.until !== undefined
          ? `${p.phase}: ${p.phase === "Awaiting deposit" ? "times out" : "ends"} ${countdown(p.until, chain.best, chain.blockTimeMs)} (#${p.until})`
          : p.phase
        : "";
      const ap = approval(o.ayes, o.nays);
      const sp = support(o.support, data?.issuance ?? 0n);
      let needs = "";
      if (track && o.deciding) {
        const elapsed = Math.floor(((chain.best - o.deciding.since) * PERBILL) / Math.max(1, track.decisionPeriod));
        const a = threshold(track.minApproval, elapsed);
        const s = threshold(track.minSupport, elapsed);
        if (a !== undefined && s !== undefined)
          needs = ` Needs now: ${formatPerbill(a)} approval, ${formatPerbill(s)} support.`;
      }
      mount(
        tally,
        h(
          "div",
          {},
          "Ayes ",
          h(
            "strong",
            { "data-role": "ayes", "data-value": o.ayes.toString() },
            formatAmount(o.ayes, native.decimals, native.symbol, 2),
          ),
          " · Nays ",
          h(
            "strong",
            { "data-role": "nays", "data-value": o.nays.toString() },
            formatAmount(o.nays, native.decimals, native.symbol, 2),
          ),
          " · Support ",
          h(
            "strong",
            { "data-role": "support", "data-value": o.support.toString() },
            formatAmount(o.support, native.decimals, native.symbol, 2),
          ),
        ),
        h(
          "div",
          { class: "muted" },
          `Approval ${formatPerbill(ap)}, support ${formatPerbill(sp)} of the active issuance.${needs}`,
        ),
      );
      depositNote.textContent = o.hasDecisionDeposit
        ? "The decision deposit is placed."
        : `Waiting for the decision deposit${track ? ` of ${formatAmount(track.decisionDeposit, native.decimals, native.symbol)}` : ""}; anyone may place it.`;
      depositBox.hidden = o.hasDecisionDeposit && !deposit.active;
      if (hadDeposit !== o.hasDecisionDeposit && !deposit.active) void deposit.refresh();
    };
    update(r);
    void deposit.refresh();
    void vote.refresh();
    const el = h(
      "div",
      { class: "card", "data-referendum": r.index },
      title,
      proposal,
      phase,
      tally,
      depositBox,
      voteForm,
    );
    /** The referendum ended while the page was open: its outcome, and the last transactions' progress. */
    const finish = (status: string) => {
      el.dataset.finished = status;
      const statusEl = title.querySelector('[data-role="status"]');
      if (statusEl) statusEl.textContent = status;
      phase.dataset.phase = "Ended";
      phase.textContent = `Ended: ${status}.`;
      depositBox.hidden = !deposit.active;
      voteForm.hidden = !vote.active;
    };
    return { el, update, finish };
  };

  const renderReferenda = (g: Governance) => {
    // A referendum that ends while the page is open keeps its card, with its outcome and the
    // progress of the transactions sent from it; it also shows among the recent ones.
    const shown = g.referenda.filter((r) => r.ongoing || cards.has(r.index));
    const els = shown.map((r) => {
      let card = cards.get(r.index);
      if (!card) {
        card = createCard(r);
        cards.set(r.index, card);
      } else if (r.ongoing) card.update(r);
      else card.finish(r.status);
      return card.el;
    });
    mount(
      ongoingEl,
      els.length ? els : h("p", { class: "muted", "data-role": "no-referenda" }, "No referendum is ongoing."),
    );
    const recent = g.referenda.filter((r) => !r.ongoing).slice(0, 10);
    mount(
      recentEl,
      recent.length
        ? h(
            "table",
            {},
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Referendum", "Outcome", "Ended"].map((t) => h("th", {}, t)),
              ),
            ),
            h(
              "tbody",
              {},
              recent.map((r) =>
                h(
                  "tr",
                  { "data-recent-referendum": r.index },
                  h("td", {}, `#${r.index}`),
                  h("td", { "data-role": "status" }, r.status),
                  h("td", {}, r.endedAt !== undefined ? `#${r.endedAt}` : "—"),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, "No referendum has ended yet."),
    );
  };

  // Council motions, also kept across blocks.
  const motionCards = new Map<string, { el: HTMLElement; update: (m: Motion) => void; close: () => boolean }>();
  const createMotion = (m: Motion) => {
    let current = m;
    const title = h("h3", {});
    const votes = h("div", { class: "tally", "data-role": "motion-votes" });
    const isMember = () => !!state.account && !!data?.members.includes(state.account.address);
    const open = () => !data || data.motions.some((x) => x.hash === current.hash);
    const voteControl = (approve: boolean) => {
      const c = control({
        label: approve ? "Vote aye" : "Vote nay",
        prepare: (): Prepared => {
          if (!open()) return { error: "The motion is closed." };
          if (!isMember()) return { error: "Only Council members vote on motions." };
          return { tx: chain.api.tx.Council.vote({ proposal: current.hash, index: current.index, approve }) };
        },
      });
      c.el.dataset.action = approve ? "motion-aye" : "motion-nay";
      return c;
    };
    const aye = voteControl(true);
    const nay = voteControl(false);
    const close = control({
      label: "Close",
      prepare: (): Prepared => {
        if (!open()) return { error: "The motion is closed." };
        const decided =
          current.ayes.length >= current.threshold ||
          current.nays.length > (data?.members.length ?? 0) - current.threshold ||
          chain.best >= current.end;
        if (!decided) return { error: "The motion can be closed once its votes decide it or its time is up." };
        if (!current.weight) return { error: "The motion's call could not be weighed." };
        return {
          tx: chain.api.tx.Council.close({
            proposal_hash: current.hash,
            index: current.index,
            proposal_weight_bound: current.weight,
            length_bound: current.length,
          }),
        };
      },
    });
    close.el.dataset.action = "motion-close";
    let signature = "";
    const update = (next: Motion) => {
      current = next;
      const changed = `${next.ayes.join()}|${next.nays.join()}|${chain.best >= next.end}`;
      mount(title, `Motion #${next.index} `, h("small", { class: "muted" }, shortAddress(next.hash)));
      mount(
        votes,
        h("p", {}, next.call),
        h(
          "p",
          {},
          `Ayes ${next.ayes.length} / ${next.threshold} needed`,
          next.ayes.length ? ` (${next.ayes.map((a) => nameOf(state, a)).join(", ")})` : "",
          ` · Nays ${next.nays.length}`,
          next.nays.length ? ` (${next.nays.map((a) => nameOf(state, a)).join(", ")})` : "",
        ),
        h("p", { class: "muted" }, `Open until #${next.end}: ${countdown(next.end, chain.best, chain.blockTimeMs)}`),
      );
      if (changed !== signature) for (const c of [aye, nay, close]) void c.refresh();
      signature = changed;
    };
    update(m);
    const el = h(
      "div",
      { class: "card", "data-motion": m.index },
      title,
      votes,
      h("div", { class: "inline-fields" }, aye.el, nay.el, close.el),
    );
    /** The motion left the list: its card stays, closed, while it shows a transaction's outcome. */
    const closeCard = () => {
      const own = [aye, nay, close];
      if (!own.some((c) => c.active)) {
        for (const c of own) controls.delete(c);
        return false;
      }
      el.dataset.closed = "";
      return true;
    };
    return { el, update, close: closeCard };
  };

  const renderCouncil = (g: Governance) => {
    mount(
      councilEl,
      h(
        "p",
        { "data-role": "council-members" },
        `Members (${g.members.length}): `,
        g.members.map((a) => nameOf(state, a)).join(", ") || "none",
        `. A motion passes with ${twoThirds(g.members.length)} ayes.`,
      ),
    );
    const closed: HTMLElement[] = [];
    for (const [hash, card] of motionCards) {
      if (g.motions.some((m) => m.hash === hash)) continue;
      if (card.close()) closed.push(card.el);
      else motionCards.delete(hash);
    }
    const els = [
      ...g.motions.map((m) => {
        let card = motionCards.get(m.hash);
        if (!card) {
          card = createMotion(m);
          motionCards.set(m.hash, card);
        } else card.update(m);
        return card.el;
      }),
      ...closed,
    ];
    mount(motionsEl, els.length ? els : h("p", { class: "muted" }, "No motion is open."));
  };

  // The account's votes and locks, a card per track, kept across blocks.
  let voting: TrackVoting[] = [];
  let lockingPeriod = 0;
  const trackLabel = (id: number) => data?.tracks.find((t) => t.id === id)?.name ?? `track ${id}`;
  const voteCards = new Map<
    number,
    { el: HTMLElement; update: (t: TrackVoting) => void; dispose: () => void; busy: () => boolean }
  >();
  const createVoteCard = (first: TrackVoting) => {
    let current = first;
    const title = h("h3", {});
    const lockEl = h("p", { "data-role": "lock" });
    const list = h("ul", { "data-role": "votes" });
    const removeControls = new Map<number, TxControl>();
    const removeControl = (index: number) => {
      let c = removeControls.get(index);
      if (!c) {
        c = control({
          label: `Remove the vote on #${index}`,
          prepare: (): Prepared => {
            if (!current.votes.some((v) => v.index === index)) return { error: "The vote is removed." };
            return { tx: chain.api.tx.ConvictionVoting.remove_vote({ class: current.track, index }) };
          },
        });
        c.el.dataset.action = "remove-vote";
        c.el.dataset.index = String(index);
        removeControls.set(index, c);
      }
      return c;
    };
    const unlock = control({
      label: "Unlock",
      prepare: (): Prepared => {
        const who = state.account?.address;
        if (!who) return { error: "" };
        const free = unlockable(current.locked, classVoting(current), chain.best);
        if (free === 0n) {
          return {
            error: current.locked
              ? "Nothing to unlock yet: votes still recorded, a delegation or an unexpired conviction keep the lock."
              : "Nothing is locked on this track.",
          };
        }
        return {
          tx: chain.api.tx.ConvictionVoting.unlock({ class: current.track, target: { type: "Id", value: who } }),
        };
      },
    });
    unlock.el.dataset.action = "unlock";
    const undelegate = control({
      label: "Undelegate",
      prepare: (): Prepared => {
        if (!current.delegating) return { error: "" };
        return { tx: chain.api.tx.ConvictionVoting.undelegate({ class: current.track }) };
      },
    });
    undelegate.el.dataset.action = "undelegate";
    const delegationEl = h("div", { "data-role": "delegation" });
    let signature = "";
    const update = (t: TrackVoting) => {
      current = t;
      mount(title, h("span", { "data-role": "track" }, trackLabel(t.track)));
      const free = unlockable(t.locked, classVoting(t), chain.best);
      lockEl.dataset.locked = t.locked.toString();
      lockEl.dataset.unlockable = free.toString();
      lockEl.textContent =
        `Locked: ${formatAmount(t.locked, native.decimals, native.symbol)}` +
        (free > 0n ? `, of which ${formatAmount(free, native.decimals, native.symbol)} can be unlocked now.` : ".") +
        (t.prior.amount > 0n && chain.best < t.prior.until
          ? ` ${formatAmount(t.prior.amount, native.decimals, native.symbol)} stays locked until #${t.prior.until} (${countdown(t.prior.until, chain.best, chain.blockTimeMs)}).`
          : "");
      const referendum = (index: number) => data?.referenda.find((r) => r.index === index);
      mount(
        list,
        t.votes.map(({ index, vote }) => {
          const r = referendum(index);
          let text: string;
          let keeps = "";
          let keepsUntil: number | undefined;
          if (vote.type === "Standard") {
            const { aye, conviction } = readVoteByte(vote.value.vote);
            text = `#${index}: ${aye ? "aye" : "nay"}, ${conviction}, ${formatAmount(vote.value.balance, native.decimals, native.symbol)}`;
            const won = (aye && r?.status === "Approved") || (!aye && r?.status === "Rejected");
            if (r && !r.ongoing && won && r.endedAt !== undefined && conviction !== "None") {
              const until = lockEnds(r.endedAt, conviction, lockingPeriod);
              if (until > chain.best) {
                keeps = ` Removing it keeps its lock until #${until}.`;
                keepsUntil = until;
              }
            }
          } else {
            text = `#${index}: split, ${formatAmount(voteBalance(vote), native.decimals, native.symbol)}`;
          }
          const outcome = r?.ongoing ? "ongoing" : (r?.status.toLowerCase() ?? "ended");
          return h(
            "li",
            { "data-vote": index, "data-keeps-until": keepsUntil },
            `${text} (${outcome}).${keeps}`,
            removeControl(index).el,
          );
        }),
        // A vote just removed keeps its line while it shows the removal's outcome.
        [...removeControls]
          .filter(([index, c]) => c.active && !t.votes.some((v) => v.index === index))
          .map(([index, c]) => h("li", { "data-vote": index, "data-removed": "" }, `#${index}: removed.`, c.el)),
      );
      for (const index of removeControls.keys()) {
        if (!t.votes.some((v) => v.index === index)) {
          const c = removeControls.get(index)!;
          if (!c.active) {
            controls.delete(c);
            removeControls.delete(index);
          }
        }
      }
      mount(
        delegationEl,
        t.delegating
          ? [
              h(
                "p",
                { "data-role": "delegating", "data-target": t.delegating.target },
                `Delegating ${formatAmount(t.delegating.balance, native.decimals, native.symbol)} to ${nameOf(state, t.delegating.target)} with ${t.delegating.conviction}.`,
              ),
              undelegate.el,
            ]
          : undelegate.active
            ? undelegate.el
            : null,
      );
      const now = `${t.locked}|${free}|${t.votes.map((v) => v.index).join()}|${!!t.delegating}`;
      if (now !== signature) {
        void unlock.refresh();
        void undelegate.refresh();
        for (const c of removeControls.values()) void c.refresh();
      }
      signature = now;
    };
    update(first);
    const el = h("div", { class: "card", "data-track-votes": first.track }, title, lockEl, list, delegationEl, unlock.el);
    const dispose = () => {
      for (const c of [unlock, undelegate, ...removeControls.values()]) controls.delete(c);
    };
    const busy = () => [unlock, undelegate, ...removeControls.values()].some((c) => c.active);
    return { el, update, dispose, busy };
  };

  // Delegate a track's votes to another account.
  const delegateTrack = h("select", { "data-field": "delegate-track", "aria-label": "Track" });
  const delegateTo = h("input", {
    type: "text",
    placeholder: "SS58 address",
    autocomplete: "off",
    "data-field": "delegate-to",
  });
  const delegateConviction = convictionSelect("delegate-conviction");
  const delegateAmount = amountInput("delegate-amount");
  const delegate = control({
    label: "Delegate",
    prepare: async (): Promise<Prepared> => {
      const who = state.account?.address;
      if (!data || !who) return { error: "" };
      const track = Number(delegateTrack.value);
      if (!delegateTo.value.trim() && !delegateAmount.value.trim()) return { error: "" };
      const to = delegateTo.value.trim();
      if (!getSs58AddressInfo(to).isValid) return { error: "Enter the address to delegate to." };
      if (to === who) return { error: "Delegate to another account." };
      const mine = voting.find((t) => t.track === track);
      if (mine?.delegating) return { error: `You already delegate on ${trackLabel(track)}: undelegate first.` };
      if (mine?.votes.length) return { error: `Remove your votes on ${trackLabel(track)} first.` };
      const parsed = parseAmount(delegateAmount.value, native.decimals);
      if (!parsed.ok) return { error: parsed.error };
      if (parsed.value === 0n) return { error: "Delegate an amount above zero." };
      const held = await chain.api.query.System.Account.getValue(who, at);
      const total = held.data.free + held.data.reserved;
      if (parsed.value > total) {
        return { error: `This account holds ${formatAmount(total, native.decimals, native.symbol)} in all.` };
      }
      return {
        tx: chain.api.tx.ConvictionVoting.delegate({
          class: track,
          to: { type: "Id", value: to },
          conviction: { type: delegateConviction.value as ConvictionName, value: undefined },
          balance: parsed.value,
        }),
      };
    },
  });
  for (const el of [delegateTrack, delegateConviction]) el.addEventListener("change", () => void delegate.refresh());
  for (const el of [delegateTo, delegateAmount]) el.addEventListener("input", () => void delegate.refresh());
  mount(
    delegateHost,
    card(
      "delegate",
      "Delegate your votes on a track",
      h(
        "p",
        { class: "muted" },
        "Your delegate votes for you on that track's referenda, with your NEK and conviction; the lock lasts while you delegate and, after you undelegate, for the conviction's periods.",
      ),
      h(
        "div",
        { class: "inline-fields" },
        field("Track", delegateTrack),
        field("To", delegateTo),
        field("Conviction", delegateConviction),
        field(`Amount (${native.symbol})`, delegateAmount),
      ),
      delegate.el,
    ),
  );

  const renderVoting = (g: Governance) => {
    const chosen = delegateTrack.value;
    const signature = g.tracks.map((t) => t.id).join();
    if (delegateTrack.dataset.signature !== signature) {
      delegateTrack.dataset.signature = signature;
      mount(
        delegateTrack,
        g.tracks.map((t) => h("option", { value: String(t.id), selected: String(t.id) === chosen }, t.name)),
      );
      void delegate.refresh();
    }
    if (!state.account) {
      mount(myVotesEl, h("p", { class: "muted" }, "Choose an account to see its votes and locks."));
      return;
    }
    // A track left with nothing keeps its card while it shows a transaction's outcome.
    const shown = [...voting];
    for (const [track, entry] of voteCards) {
      if (voting.some((t) => t.track === track)) continue;
      if (entry.busy()) shown.push({ track, locked: 0n, votes: [], prior: { until: 0, amount: 0n } });
      else {
        entry.dispose();
        voteCards.delete(track);
      }
    }
    shown.sort((a, b) => a.track - b.track);
    const els = shown.map((t) => {
      let entry = voteCards.get(t.track);
      if (!entry) {
        entry = createVoteCard(t);
        voteCards.set(t.track, entry);
      } else entry.update(t);
      return entry.el;
    });
    mount(
      myVotesEl,
      els.length ? els : h("p", { class: "muted", "data-role": "no-votes" }, "This account has no vote, delegation or lock."),
    );
  };

  const renderSudo = (g: Governance) => {
    mount(
      sudoEl,
      g.sudoKey
        ? [
            h("h2", {}, "Sudo"),
            h(
              "p",
              { "data-role": "sudo-key" },
              `This development chain has a Sudo key: ${nameOf(state, g.sudoKey)}. It can whitelist directly through the form above.`,
            ),
          ]
        : null,
    );
  };

  let loading = false;
  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      const who = state.account?.address;
      const [g, mine, period] = await Promise.all([
        readGovernance(chain),
        who ? readVoting(chain, who) : Promise.resolve([]),
        lockingPeriod ? Promise.resolve(lockingPeriod) : chain.api.constants.ConvictionVoting.VoteLockingPeriod(),
      ]);
      data = g;
      lockingPeriod = period;
      // A read for an account the user has left is dropped; the next block reads the new one.
      if (state.account?.address === who) {
        voting = mine;
        renderVoting(g);
      }
      renderPending(g);
      renderProposeChoices(g);
      renderReferenda(g);
      renderCouncil(g);
      renderSudo(g);
      note.textContent = `As of block #${chain.best}.`;
      note.dataset.block = String(chain.best);
    } catch (e) {
      mount(note, h("span", { class: "error" }, `Governance could not be read: ${describe(e)}`));
    } finally {
      loading = false;
    }
  };
  return keepCurrent(state, load, () => {
    // A control with a transaction on its way ignores the refresh.
    for (const c of controls) void c.refresh();
    voting = [];
    for (const entry of voteCards.values()) {
      entry.dispose();
      entry.el.remove();
    }
    voteCards.clear();
    void load();
  });
};
