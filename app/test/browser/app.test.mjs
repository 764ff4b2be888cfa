// The app in a real browser against a real chain: a dev node of its own, the marketplace set
// up through polkadot-api, the built app (dist/) served on a free port, and Debian's Chromium
// driven by playwright-core. Every expected figure is read from the chain.

import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { formatAmount, formatFixed, formatPerbill } from "../../build/lib/format.js";
import { perWholeToken, quoteSize } from "../../build/lib/prices.js";
import { dailyYield, estimateDailyRewards, perTokenPerDay, valueRewards } from "../../build/lib/rewards.js";
import { serve } from "../../scripts/serve.mjs";
import {
  assetBalance,
  connect,
  devAccounts,
  errorDocs,
  NEK,
  NUSD,
  PERBILL,
  send,
  allocateToGrowth,
  setUpConsoles,
  setUpMarketplace,
  USD,
} from "../lib/chain.mjs";
import { startNode } from "../lib/node.mjs";

const APP = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = join(APP, "test-output");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let node, chain, server, browser, page, ids;
const accounts = devAccounts();
const pageErrors = [];

before(
  async () => {
    assert.ok(existsSync(join(APP, "dist", "index.html")), "the app is built: run `npm run build` first");
    assert.ok(existsSync(CHROMIUM), `Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM)`);
    mkdirSync(OUT, { recursive: true });
    node = await startNode(OUT);
    chain = connect(node.wsUrl);
    ids = await setUpMarketplace(chain.api, accounts);
    server = await serve(join(APP, "dist"));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("console", (m) => m.type() === "error" && pageErrors.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => pageErrors.push(`page error: ${e.message}`));
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/`);
  },
  { timeout: 240_000 },
);

after(async () => {
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
  try {
    chain?.client.destroy();
  } catch {
    /* already closed */
  }
  await node?.stop();
});

const best = { at: "best" };
const shot = (name, on = page) => on.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });

/** Waits for the transaction control in `scope` to report success, or fails with what it shows. */
async function succeeded(scope, timeout = 90_000) {
  const outcome = scope.locator('[data-role="success"], [data-role="error"]').first();
  try {
    await outcome.waitFor({ timeout });
  } catch (e) {
    await scope.page().screenshot({ path: join(OUT, "failure.png"), fullPage: true });
    const progress = await scope
      .locator('[data-role="progress"]')
      .innerText()
      .catch(() => "");
    throw new Error(`no outcome within ${timeout} ms; progress: ${progress || "none"}`, { cause: e });
  }
  if ((await outcome.getAttribute("data-role")) === "error") {
    assert.fail(`the transaction failed: ${await outcome.innerText()}`);
  }
}

async function chooseAccount(account, on = page) {
  await on.selectOption('[data-role="account"]', account.address);
}

test(
  "the marketplace lists the chain's Networks and DAMs with the runtime API's figures",
  { timeout: 120_000 },
  async (t) => {
    const started = Date.now();
    const networks = await chain.api.apis.MarketplaceApi.networks(best);
    for (const { id } of networks) await page.waitForSelector(`[data-network="${id}"]`, { timeout: 60_000 });
    t.diagnostic(`the marketplace showed every Network ${Date.now() - started} ms after the test began`);

    const info = await chain.api.apis.MarketplaceApi.network(ids.network, best);
    const row = page.locator(`[data-network="${ids.network}"]`);
    const cell = (col) => row.locator(`[data-col="${col}"]`).innerText();
    assert.equal(await cell("kind"), info.network.terms.kind.type);
    assert.equal(await cell("status"), info.network.status.type);
    assert.equal(await cell("deposit-asset"), "nUSD");
    assert.equal(
      await cell("allocation"),
      `${formatAmount(info.network.total_exposure, 6, undefined, 2)} / ${formatAmount(info.network.terms.amount_requested, 6, "nUSD", 2)}`,
    );
    assert.match(
      await cell("installations"),
      new RegExp(`^${info.network.installations} / ${info.network.terms.operators_requested}`),
    );
    // 100 reward units per unit per day is 100 × 10^6 NEK planck per whole nUSD.
    const perToken = (info.network.terms.delegator_rate * 10n ** 6n) / 10n ** 18n;
    assert.match(
      await cell("delegator-rate"),
      new RegExp(`^${formatAmount(perToken, 12, "NEK", 6).replace(/\./g, "\\.")}`),
    );

    await page.waitForSelector(`[data-dam="${ids.dam}"]`);
    const details = await chain.api.apis.DamApi.dam(ids.dam, best);
    const damRow = page.locator(`[data-dam="${ids.dam}"]`);
    const damCell = (col) => damRow.locator(`[data-col="${col}"]`).innerText();
    assert.equal(await damCell("tvl"), formatAmount(details.tvl, 6, "nUSD", 4));
    assert.equal(await damCell("exchange-rate"), formatFixed(details.exchange_rate, 6));
    assert.equal(await damCell("fee"), formatPerbill(details.fee_now));
    assert.equal(await damCell("installations"), details.installations.map((i) => `#${i.network}`).join(", "));
    // The estimate from the installed Network's terms, read from the chain.
    const programs = await chain.api.apis.RewardsApi.network_programs(ids.network, best);
    const record = await chain.api.query.Marketplace.Installations.getValue(ids.network, ids.dam, best);
    const [daily] = estimateDailyRewards(
      details.installations.map((i) => ({
        network: i.network,
        effective: i.effective,
        performance: record.performance,
      })),
      programs.map((p) => ({
        program: p.id,
        network: p.network,
        token: p.token,
        delegatorRate: p.delegator_rate,
        operatorCommission: p.operator_commission,
        accruing: p.accruing,
      })),
    );
    assert.ok(daily && daily.perDay > 0n, "the DAM earns in its Network's program");
    const synthetic = await chain.api.query.Assets.Metadata.getValue(daily.token, best);
    const symbol = new TextDecoder().decode(synthetic.symbol);
    assert.equal(
      await damCell("reward-rate"),
      `${formatAmount(perTokenPerDay(daily.perDay, details.tvl, 6), synthetic.decimals, symbol, 8)} per nUSD`,
    );
    await shot("marketplace");
  },
);

test(
  "a development account deposits through the DAM page: fee first, then in block and finalized",
  { timeout: 180_000 },
  async () => {
    const { ferdie } = accounts;
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dam/${ids.dam}`);
    await page.waitForSelector('[data-form="deposit"]');
    await chooseAccount(ferdie);
    const form = page.locator('[data-form="deposit"]');
    await form.locator('[data-role="deposit-amount"]').fill("250");
    await form.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    const fee = BigInt(await form.locator('[data-role="fee"]').getAttribute("data-fee"));
    assert.ok(fee > 0n, "a fee is shown before signing");
    const quoted = BigInt(await form.locator('[data-role="quote-shares"]').getAttribute("data-value"));
    const quote = await chain.api.apis.DamApi.quote_deposit(ids.dam, 250n * USD, best);
    assert.equal(quoted, quote.shares, "the form shows the shares quoteDeposit promises");
    await shot("dam-before-deposit");

    await form.locator('[data-role="sign"]').click();
    await form.locator('[data-state="inBlock"]').waitFor({ timeout: 60_000 });
    await form.locator('[data-state="finalized"]').waitFor({ timeout: 90_000 });
    await succeeded(form);
    const position = await chain.api.apis.DamApi.position(ids.dam, ferdie.address, best);
    assert.equal(position.shares, quoted, "the chain holds the quoted shares");
    await shot("dam-after-deposit");

    await page.click('[data-nav="positions"]');
    const shares = page.locator(`[data-position="${ids.dam}"] [data-role="shares"]`);
    await shares.waitFor({ timeout: 30_000 });
    assert.equal(BigInt(await shares.getAttribute("data-value")), position.shares);
    assert.equal(await shares.innerText(), formatAmount(position.shares, 6, "deUSD"));
  },
);

test(
  "a deposit above the balance fails with the error's own words and moves nothing",
  { timeout: 180_000 },
  async () => {
    const { ferdie } = accounts;
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dam/${ids.dam}`);
    await page.waitForSelector('[data-form="deposit"]');
    const form = page.locator('[data-form="deposit"]');
    const held = await assetBalance(chain.api, NUSD, ferdie.address);
    const tooMuch = held / USD + 1_000n;
    await form.locator('[data-role="deposit-amount"]').fill(String(tooMuch));
    await form.locator('[data-role="note"][data-kind="warning"]').waitFor();
    await form.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    const sharesBefore = (await chain.api.apis.DamApi.position(ids.dam, ferdie.address, best)).shares;

    await form.locator('[data-role="sign"]').click();
    const error = form.locator('[data-role="error"]');
    await error.waitFor({ timeout: 90_000 });
    assert.equal(await error.getAttribute("data-error"), "Dam.InsufficientBalance");
    const docs = await errorDocs(chain.client, "Dam", "InsufficientBalance");
    assert.ok(docs.length > 20);
    assert.ok((await error.innerText()).includes(docs), `the error shows the metadata docs: ${docs}`);
    assert.doesNotMatch(await error.innerText(), /0x[0-9a-f]{6,}/i, "no raw hex code");
    await form.locator('[data-state="finalized"]').waitFor({ timeout: 90_000 });
    assert.equal(await assetBalance(chain.api, NUSD, ferdie.address), held, "the nUSD balance did not change");
    assert.equal((await chain.api.apis.DamApi.position(ids.dam, ferdie.address, best)).shares, sharesBefore);
    await shot("dam-failed-deposit");
  },
);

test(
  "rewards accrue in the position view and a claim mints at least what was shown",
  { timeout: 180_000 },
  async () => {
    const { ferdie } = accounts;
    await page.click('[data-nav="positions"]');
    const pending = page.locator(`[data-position="${ids.dam}"] [data-role="pending"]`).first();
    await pending.waitFor({ timeout: 30_000 });
    let shown = 0n;
    for (let i = 0; i < 30 && shown === 0n; i++) {
      shown = BigInt(await pending.getAttribute("data-value"));
      if (shown === 0n) await page.waitForTimeout(2_000);
    }
    assert.ok(shown > 0n, "rewards accrue");
    const first = shown;
    // Updated every block: wait for the figure to grow.
    for (let i = 0; i < 20 && shown === first; i++) {
      await page.waitForTimeout(1_500);
      shown = BigInt(await pending.getAttribute("data-value"));
    }
    assert.ok(shown > first, "the pending amount follows the blocks");
    const token = Number(await pending.getAttribute("data-token"));
    const before = await assetBalance(chain.api, token, ferdie.address);
    const shownNow = BigInt(await pending.getAttribute("data-value"));
    await shot("positions");

    const claim = page.locator(`[data-position="${ids.dam}"] [data-action="claim-rewards"]`);
    await claim.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    await claim.locator('[data-role="sign"]').click();
    await claim.locator('[data-state="finalized"]').waitFor({ timeout: 90_000 });
    await succeeded(claim);
    const afterClaim = await assetBalance(chain.api, token, ferdie.address);
    assert.ok(
      afterClaim - before >= shownNow,
      `the synthetic balance rose by at least the shown ${shownNow} (rose ${afterClaim - before})`,
    );
    const balance = page.locator(`[data-holding="${token}"] [data-role="token-balance"]`);
    await balance.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      ([sel, value]) => document.querySelector(sel)?.getAttribute("data-value") === value,
      [`[data-holding="${token}"] [data-role="token-balance"]`, afterClaim.toString()],
      { timeout: 30_000 },
    );
    await shot("positions-after-claim");

    // Redeem what was claimed for the program's reward asset.
    const card = page.locator(`[data-holding="${token}"]`);
    const synthetic = await chain.api.query.Assets.Metadata.getValue(token, best);
    await card.locator('[data-role="redeem-amount"]').fill(formatAmount(afterClaim, synthetic.decimals));
    await card.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    await card.locator('[data-role="sign"]').click();
    await card.locator('[data-state="finalized"]').waitFor({ timeout: 90_000 });
    await succeeded(card);
    assert.equal(await assetBalance(chain.api, token, ferdie.address), 0n, "the synthetic tokens were burned");
  },
);

test(
  "shares are queued for withdrawal, transferred, and the matured withdrawal claimed",
  { timeout: 240_000 },
  async () => {
    const { ferdie, eve } = accounts;
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dam/${ids.dam}`);
    const request = page.locator('[data-form="request"]');
    await request.waitFor();
    const held = (await chain.api.apis.DamApi.position(ids.dam, ferdie.address, best)).shares;
    const queuedShares = held / 4n;
    // Bad input is named before anything is signed.
    await request.locator('[data-role="request-shares"]').fill(formatAmount(held * 2n, 6));
    await request.locator('[data-role="note"][data-kind="error"]', { hasText: "You hold" }).waitFor();
    assert.equal(await request.locator('[data-role="sign"]').isDisabled(), true);
    await request.locator('[data-role="request-shares"]').fill(formatAmount(queuedShares, 6));
    await request.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    await request.locator('[data-role="sign"]').click();
    await request.locator('[data-state="inBlock"]').waitFor({ timeout: 60_000 });
    await succeeded(request);
    const queued = (await chain.api.apis.DamApi.position(ids.dam, ferdie.address, best)).pending_withdrawals;
    assert.equal(queued.length, 1);
    assert.equal(queued[0].shares, queuedShares);

    const transfer = page.locator('[data-form="transfer"]');
    const sent = held / 10n;
    await transfer.locator('[data-role="transfer-to"]').fill("not an address");
    await transfer.locator('[data-role="transfer-shares"]').fill(formatAmount(sent, 6));
    await transfer.locator('[data-role="note"][data-kind="error"]', { hasText: "not a valid address" }).waitFor();
    await transfer.locator('[data-role="transfer-to"]').fill(eve.address);
    await transfer.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    await transfer.locator('[data-role="sign"]').click();
    await succeeded(transfer);
    assert.equal((await chain.api.apis.DamApi.position(ids.dam, eve.address, best)).shares, sent);

    await page.click('[data-nav="positions"]');
    const section = page.locator(`[data-position="${ids.dam}"]`);
    await section.locator('[data-role="queued"] li', { hasText: "claimable" }).first().waitFor({ timeout: 30_000 });
    await shot("positions-queued");
    await section
      .locator('[data-role="queued"] li', { hasText: "claimable ready" })
      .first()
      .waitFor({ timeout: 90_000 });
    const claim = section.locator('[data-action="claim-withdrawal"]');
    await claim.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
    const before = await assetBalance(chain.api, NUSD, ferdie.address);
    const value = await chain.api.apis.DamApi.quote_withdrawal(ids.dam, queuedShares, best);
    await claim.locator('[data-role="sign"]').click();
    await succeeded(claim);
    assert.equal(
      await assetBalance(chain.api, NUSD, ferdie.address),
      before + value,
      "the claim paid the queued shares' value",
    );
    assert.equal((await chain.api.apis.DamApi.position(ids.dam, ferdie.address, best)).pending_withdrawals.length, 0);
  },
);

test(
  "a Network manager registers a Network: the form blocks a wrong field, then signs",
  { timeout: 180_000 },
  async () => {
    const { dave } = accounts;
    await page.click('[data-nav="register-network"]');
    const form = page.locator('[data-form="register-network"]');
    await form.waitFor({ timeout: 30_000 });
    await chooseAccount(dave);
    const fill = (field, value) => form.locator(`[data-field="${field}"]`).fill(value);
    await form.locator('[data-field="kind"]').selectOption("Collateral");
    await form.locator('[data-field="depositAsset"]').selectOption({ label: "nUSD" });
    await form.locator('[data-field="rewardAsset"]').selectOption({ label: "NEK" });
    await fill("name", "Dave's Storage");
    await fill("description", "Storage proofs");
    await fill("rewardSymbol", "rDAV");
    await fill("minAllocation", "50");
    await fill("amountRequested", "20000");
    await fill("operatorsRequested", "3");
    await fill("duration", "5000");
    await fill("delegatorRate", "0.5");
    await fill("operatorRate", "2");
    await fill("commission", "5");
    await fill("maxPenalty", "10");
    const params = await chain.api.query.Marketplace.Params.getValue(best);
    await fill("disputeWindow", String(params.max_dispute_window + 10));
    const fieldError = form.locator('[data-error-for="disputeWindow"]');
    await fieldError.filter({ hasText: "between" }).waitFor();
    assert.equal(
      await fieldError.innerText(),
      `The dispute window must be between ${params.min_dispute_window} and ${params.max_dispute_window} blocks.`,
    );
    assert.equal(await form.locator('[data-role="sign"]').isDisabled(), true, "the form blocks the wrong field");
    assert.equal(await form.locator('[data-role="fee"]').innerText(), "");
    await shot("register-network-blocked");

    await fill("disputeWindow", String(params.min_dispute_window + 2));
    await form.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor();
    assert.equal(await fieldError.innerText(), "");
    const id = await chain.api.query.Marketplace.NextNetworkId.getValue(best);
    await form.locator('[data-role="sign"]').click();
    await succeeded(form);
    const info = await chain.api.apis.MarketplaceApi.network(id, best);
    assert.equal(new TextDecoder().decode(info.metadata.name), "Dave's Storage");
    assert.equal(info.network.manager, dave.address);
    assert.equal(info.network.status.type, "Pending");
    assert.equal(info.network.terms.amount_requested, 20_000n * USD);
    assert.equal(info.network.terms.penalty.dispute_window, params.min_dispute_window + 2);
    // 0.5 NEK per whole nUSD per day is 0.5 × 10^12 / 10^6 planck per unit.
    assert.equal(info.network.terms.delegator_rate, 500_000n * 10n ** 18n);
    await shot("register-network-done");
  },
);

test("the DAM page charts TVL and exchange rate from the chain's history", { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dam/${ids.dam}`);
  await page.waitForSelector('[data-role="chart"] canvas', { timeout: 30_000 });
  assert.ok(Number(await page.getAttribute('[data-role="chart"]', "data-points")) >= 2);
  await shot("dam-chart");
});

const NATIVE = { type: "Native", value: undefined };

/** NEK one whole token of `asset` sells for in its pool, as the app quotes it; undefined without one. */
async function nekPriceOf(asset, decimals) {
  const reserves = await chain.api.apis.AssetConversionApi.get_reserves(asset, NATIVE, best);
  if (!reserves) return undefined;
  const sold = quoteSize(decimals, reserves[0]);
  const received = await chain.api.apis.AssetConversionApi.quote_price_exact_tokens_for_tokens(
    asset,
    NATIVE,
    sold,
    true,
    best,
  );
  return received === undefined ? undefined : perWholeToken(received, sold, decimals);
}

/** The DAM's estimated rewards valued in nUSD, computed from the chain as the app should. */
async function expectedRewardValue() {
  const details = await chain.api.apis.DamApi.dam(ids.dam, best);
  const programs = await chain.api.apis.RewardsApi.network_programs(ids.network, best);
  const record = await chain.api.query.Marketplace.Installations.getValue(ids.network, ids.dam, best);
  const daily = estimateDailyRewards(
    details.installations.map((i) => ({ network: i.network, effective: i.effective, performance: record.performance })),
    programs.map((p) => ({
      program: p.id,
      network: p.network,
      token: p.token,
      delegatorRate: p.delegator_rate,
      operatorCommission: p.operator_commission,
      accruing: p.accruing,
    })),
  );
  const rewards = await Promise.all(
    daily.map(async (d) => {
      const meta = await chain.api.query.Assets.Metadata.getValue(d.token, best);
      const program = programs.find((p) => p.id === d.program);
      return {
        program: d.program,
        perTokenPerDay: perTokenPerDay(d.perDay, details.tvl, 6),
        decimals: meta.decimals,
        paysDepositAsset: program.reward_asset.type === "WithId" && program.reward_asset.value === NUSD,
        nekPrice: await nekPriceOf({ type: "WithId", value: d.token }, meta.decimals),
      };
    }),
  );
  const reserves = await chain.api.apis.AssetConversionApi.get_reserves(NATIVE, { type: "WithId", value: NUSD }, best);
  const sold = quoteSize(12, reserves[0]);
  const received = await chain.api.apis.AssetConversionApi.quote_price_exact_tokens_for_tokens(
    NATIVE,
    { type: "WithId", value: NUSD },
    sold,
    true,
    best,
  );
  const value = valueRewards(rewards, { native: false, nativeDecimals: 12, perNek: perWholeToken(received, sold, 12) });
  return {
    value,
    text: `${formatAmount(value.perTokenPerDay, 6, "nUSD", 8)} per nUSD (${dailyYield(value.perTokenPerDay, 6)})`,
  };
}

/** Waits until `read()` equals `expected()`, both re-read each time; fails with the last pair. */
async function eventually(read, expected, what, timeout = 45_000) {
  const deadline = Date.now() + timeout;
  let got, want;
  while (Date.now() < deadline) {
    [got, want] = await Promise.all([read().catch(() => undefined), expected()]);
    if (got === want) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  assert.equal(got, want, what);
}

test(
  "a synthetic token shows its NEK pool price, and the DAM's estimated value uses it",
  { timeout: 180_000 },
  async () => {
    const { bob } = accounts;
    const [program] = await chain.api.apis.RewardsApi.network_programs(ids.network, best);
    const meta = await chain.api.query.Assets.Metadata.getValue(program.token, best);
    const symbol = new TextDecoder().decode(meta.symbol);
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/`);
    const price = page.locator(`[data-network="${ids.network}"] [data-col="reward-price"]`);
    const value = page.locator(`[data-dam="${ids.dam}"] [data-col="reward-value"]`);
    await price.waitFor({ timeout: 30_000 });
    assert.equal(await nekPriceOf({ type: "WithId", value: program.token }, meta.decimals), undefined);
    assert.equal(await price.innerText(), `${symbol}: no pool`);
    // The program pays NEK, not the DAM's nUSD: without a pool its token cannot be valued.
    assert.equal(await value.innerText(), `not priced; ${symbol}: no pool`);

    // Bob claims his synthetic tokens and opens their NEK pool.
    await send(chain.api.tx.Rewards.claim_rewards({ dam: ids.dam, programs: [program.id] }), bob);
    const held = await assetBalance(chain.api, program.token, bob.address);
    assert.ok(held > 1_000n, `Bob holds ${symbol} to provide (${held})`);
    const token = { type: "WithId", value: program.token };
    await send(chain.api.tx.AssetConversion.create_pool({ asset1: NATIVE, asset2: token }), bob);
    await send(
      chain.api.tx.AssetConversion.add_liquidity({
        asset1: NATIVE,
        asset2: token,
        amount1_desired: NEK,
        amount2_desired: held / 2n,
        amount1_min: 1n,
        amount2_min: 1n,
        mint_to: bob.address,
      }),
      bob,
    );
    const nekPrice = await nekPriceOf(token, meta.decimals);
    assert.ok(nekPrice > 0n, "the pool prices the token");
    await eventually(
      () => price.innerText(),
      async () => `${symbol}: ${formatAmount(await nekPriceOf(token, meta.decimals), 12, "NEK", 6)}`,
      "the marketplace shows the pool's price",
    );
    assert.equal(await price.locator("[data-price]").getAttribute("data-price"), nekPrice.toString());
    await eventually(
      () => value.innerText(),
      async () => (await expectedRewardValue()).text,
      "the DAM's value goes through the synthetic token's pool and the nUSD pool",
    );
    const expected = await expectedRewardValue();
    assert.ok(expected.value.perTokenPerDay > 0n && expected.value.unpriced.length === 0);
    await shot("marketplace-prices");

    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dam/${ids.dam}`);
    await eventually(
      () => page.locator('[data-role="reward-value"]').innerText(),
      async () => (await expectedRewardValue()).text,
      "the DAM page shows the same value",
    );
  },
);

test(
  "a deposit pays its fee in nUSD: the NEK balance is untouched, nUSD drops by deposit and fee",
  { timeout: 180_000 },
  async () => {
    const { eve } = accounts;
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dam/${ids.dam}`);
    const form = page.locator('[data-form="deposit"]');
    await form.waitFor({ timeout: 30_000 });
    await chooseAccount(eve);
    const feeAsset = form.locator('[data-role="fee-asset"]');
    await feeAsset.locator('option[value="asset-1"]').waitFor({ state: "attached", timeout: 30_000 });
    // NEK, then every asset with a NEK pool: nUSD, and the synthetic token pooled above.
    assert.deepEqual((await feeAsset.locator("option").allInnerTexts()).slice(0, 2), ["NEK", "nUSD"]);
    await feeAsset.selectOption({ label: "nUSD" });
    await form.locator('[data-role="deposit-amount"]').fill("100");
    const fee = form.locator('[data-role="fee"]', { hasText: "Estimated fee:" });
    await fee.filter({ hasText: "nUSD" }).waitFor({ timeout: 30_000 });
    assert.equal(await fee.getAttribute("data-fee-asset"), "asset-1");
    const shownFee = BigInt(await fee.getAttribute("data-fee"));
    const nekFee = BigInt(await fee.getAttribute("data-fee-native"));
    assert.ok(shownFee > 0n && nekFee > 0n, "the fee is shown in nUSD");
    const quoted = await chain.api.apis.AssetConversionApi.quote_price_tokens_for_exact_tokens(
      { type: "WithId", value: NUSD },
      NATIVE,
      nekFee,
      true,
      best,
    );
    assert.equal(shownFee, quoted, "the nUSD fee is the pool's price of the NEK fee");
    assert.match(
      await fee.innerText(),
      new RegExp(`^Estimated fee: ${formatAmount(shownFee, 6, "nUSD").replace(/\./g, "\\.")}`),
    );
    const nekBefore = (await chain.api.query.System.Account.getValue(eve.address, best)).data;
    const nusdBefore = await assetBalance(chain.api, NUSD, eve.address);
    await shot("dam-fee-in-nusd");

    await form.locator('[data-role="sign"]').click();
    await form.locator('[data-state="finalized"]').waitFor({ timeout: 90_000 });
    await succeeded(form);
    const finalized = await form.locator('[data-state="finalized"]').innerText();
    const number = Number(/#(\d+)/.exec(finalized)[1]);
    const hash = await chain.client._request("chain_getBlockHash", [number]);
    const events = await chain.api.query.System.Events.getValue({ at: hash });
    const paid = events
      .map((e) => e.event)
      .find(
        (e) => e.type === "AssetTxPayment" && e.value.type === "AssetTxFeePaid" && e.value.value.who === eve.address,
      );
    assert.ok(paid, "the block records the fee paid in an asset");
    assert.deepEqual(paid.value.value.asset_id, { type: "WithId", value: NUSD });
    const actualFee = paid.value.value.actual_fee;
    assert.ok(
      actualFee > 0n && actualFee <= shownFee,
      `the fee paid (${actualFee}) is at most the estimate (${shownFee})`,
    );

    const nekAfter = (await chain.api.query.System.Account.getValue(eve.address, best)).data;
    assert.equal(nekAfter.free, nekBefore.free, "no NEK left the account for the fee");
    assert.equal(
      await assetBalance(chain.api, NUSD, eve.address),
      nusdBefore - 100n * USD - actualFee,
      "nUSD dropped by the deposit and the fee",
    );
  },
);

test(
  "the Operator console: an Operator creates a DAM, commits to an installation and claims operator rewards",
  { timeout: 240_000 },
  async () => {
    const { bob } = accounts;
    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/operator`);
    await chooseAccount(bob);
    await page.locator('[data-role="operator-status"]', { hasText: "Registered as the Operator" }).waitFor({
      timeout: 30_000,
    });
    assert.match(await page.locator('[data-role="operator-status"]').innerText(), /Bob's nodes/);
    const register = page.locator('[data-form="register-operator"]');
    await register.locator('[data-role="note"]', { hasText: "already an Operator" }).waitFor({ timeout: 30_000 });
    assert.equal(await register.locator('[data-role="sign"]').isDisabled(), true, "an Operator registers once");
    await page.locator(`[data-my-dam="${ids.dam}"]`).waitFor({ timeout: 30_000 });

    const create = page.locator('[data-form="create-dam"]');
    const damId = await chain.api.query.Dam.NextDamId.getValue(best);
    await create.locator('[data-field="dam-kind"]').selectOption("Collateral");
    await create.locator('[data-field="dam-asset"]').selectOption({ label: "nUSD" });
    await create.locator('[data-field="dam-name"]').fill("Bob's second DAM");
    await create.locator('[data-field="dam-symbol"]').fill("bbUSD");
    await create.locator('[data-field="dam-fee"]').fill("1");
    await create.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
    await create.locator('[data-role="sign"]').click();
    await succeeded(create);
    const created = await chain.api.apis.DamApi.dam(damId, best);
    assert.equal(created.dam.manager, bob.address);
    assert.equal(created.dam.fee, PERBILL / 100);

    // The new DAM can ask a live Network for an installation.
    const request = page.locator('[data-form="request-installation"]');
    await request
      .locator(`[data-field="request-dam"] option[value="${damId}"]`)
      .waitFor({ state: "attached", timeout: 30_000 });
    await request.locator('[data-field="request-dam"]').selectOption(String(damId));
    await request.locator('[data-field="request-network"]').selectOption(String(ids.network));
    await request.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });

    // Commit more of the first DAM to its installation.
    const stake = page.locator('[data-form="stake"]');
    const target = `${ids.dam}:${ids.network}`;
    await stake.locator('[data-field="stake-target"]').selectOption(target);
    await stake.locator('[data-field="stake-amount"]').fill("2500");
    await stake.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
    await stake.locator('[data-role="sign"]').click();
    await succeeded(stake);
    const installed = await chain.api.apis.DamApi.dam(ids.dam, best);
    assert.equal(installed.installations.find((i) => i.network === ids.network).exposure, 2_500n * USD);

    const key = `${ids.network}:${ids.dam}`;
    const earned = page.locator(`[data-earned="${key}"]`);
    await earned.waitFor({ timeout: 30_000 });
    const shown = BigInt(await earned.locator('[data-role="operator-reward"]').getAttribute("data-value"));
    assert.ok(shown > 0n, "the installation earned operator rewards");
    const [program] = await chain.api.apis.RewardsApi.network_programs(ids.network, best);
    const before = await assetBalance(chain.api, program.token, bob.address);
    await shot("operator-console");
    await earned.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
    await earned.locator('[data-role="sign"]').click();
    await succeeded(earned);
    const after = await assetBalance(chain.api, program.token, bob.address);
    assert.ok(after - before >= shown, `the claim paid at least the shown ${shown} (paid ${after - before})`);
  },
);

test(
  "governance: a pending Network is whitelisted by a referendum proposed, funded and voted from the app",
  { timeout: 300_000 },
  async (t) => {
    const started = Date.now();
    const { ferdie, alice, bob, charlie } = accounts;
    const networks = await chain.api.apis.MarketplaceApi.networks(best);
    const pending = networks.filter((n) => n.network.status.type === "Pending").map((n) => n.id);
    assert.ok(pending.length > 0, "a Network waits for whitelisting");
    const id = pending[pending.length - 1];

    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/governance`);
    await page.locator(`[data-pending-network="${id}"]`).waitFor({ timeout: 30_000 });
    await chooseAccount(ferdie);
    const form = page.locator('[data-form="propose"]');
    await form.locator('[data-field="target"]').selectOption(`network:${id}`);
    await form.locator('[data-field="route"]').selectOption("referendum");
    await form.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
    const index = await chain.api.query.Referenda.ReferendumCount.getValue(best);
    await form.locator('[data-role="sign"]').click();
    await succeeded(form);
    const info = await chain.api.query.Referenda.ReferendumInfoFor.getValue(index, best);
    assert.equal(info.type, "Ongoing");
    assert.equal(info.value.track, 1, "the referendum is on the network_whitelister track");

    const card = page.locator(`[data-referendum="${index}"]`);
    await card.waitFor({ timeout: 30_000 });
    assert.equal(await card.locator('[data-role="track"]').innerText(), "network_whitelister");
    // The three votes go in before the decision deposit: the referendum is not decided before
    // the deposit, so no vote can find it closed, and with 4% of the active issuance each (12%
    // support, above the track's 10% ceiling) it passes as soon as it is decided.
    const total = await chain.api.query.Balances.TotalIssuance.getValue(best);
    const inactive = await chain.api.query.Balances.InactiveIssuance.getValue(best);
    const amount = (((total - inactive) * 4n) / 100n / NEK) * NEK;
    for (const voter of [alice, bob, charlie]) {
      await chooseAccount(voter);
      const vote = card.locator('[data-form="vote"]');
      await vote.locator('[data-field="direction"]').selectOption("aye");
      await vote.locator('[data-field="conviction"]').selectOption("Locked1x");
      await vote.locator('[data-field="vote-amount"]').fill(formatAmount(amount, 12));
      await vote.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
      await vote.locator('[data-role="sign"]').click();
      await succeeded(vote);
      t.diagnostic(`${voter.name} voted ${Date.now() - started} ms after the test began`);
    }
    const voted = await chain.api.query.Referenda.ReferendumInfoFor.getValue(index, best);
    assert.equal(voted.type, "Ongoing");
    assert.equal(voted.value.deciding, undefined, "it is not decided before its deposit");
    assert.equal(voted.value.tally.support, 3n * amount, "three ayes support it");
    assert.ok(voted.value.tally.ayes >= 3n * amount, "conviction weighs the ayes");
    await eventually(
      () => card.locator('[data-role="support"]').getAttribute("data-value"),
      async () => (3n * amount).toString(),
      "the card shows the tally",
      20_000,
    );
    assert.equal(await card.locator('[data-role="nays"]').getAttribute("data-value"), "0");
    assert.equal(await card.locator('[data-role="phase"]').getAttribute("data-phase"), "Awaiting deposit");
    await shot("governance-referendum");

    const deposit = card.locator('[data-action="decision-deposit"]');
    await deposit.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
    await deposit.locator('[data-role="sign"]').click();
    await succeeded(deposit);
    const funded = await chain.api.query.Referenda.ReferendumInfoFor.getValue(index, best);
    assert.ok(funded.type !== "Ongoing" || funded.value.decision_deposit, "the decision deposit is placed");

    await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/`);
    await page.locator(`[data-network="${id}"] [data-col="status"]`, { hasText: "Live" }).waitFor({ timeout: 180_000 });
    const live = await chain.api.apis.MarketplaceApi.network(id, best);
    assert.equal(live.network.status.type, "Live");
    const ended = await chain.api.query.Referenda.ReferendumInfoFor.getValue(index, best);
    assert.equal(ended.type, "Approved");
    t.diagnostic(`the Network was live ${Date.now() - started} ms after the test began`);
    await shot("governance-network-live");
  },
);

/** A page of its own on the app, at `hash`, whose errors count like the main page's. */
async function openPage(hash) {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  p.on("console", (m) => m.type() === "error" && pageErrors.push(`console: ${m.text()}`));
  p.on("pageerror", (e) => pageErrors.push(`page error: ${e.message}`));
  await p.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}${hash}`);
  return p;
}

/** Waits for the fee estimate of the control in `scope`, signs, and waits for success. */
async function sign(scope) {
  await scope.locator('[data-role="fee"]', { hasText: "Estimated fee:" }).waitFor({ timeout: 30_000 });
  await scope.locator('[data-role="sign"]').click();
  await succeeded(scope);
}

/** Asserts that the control in `scope` names what is wrong and cannot be signed. */
async function blocked(scope, words) {
  await scope.locator('[data-role="note"][data-kind="error"]', { hasText: words }).waitFor({ timeout: 30_000 });
  assert.equal(await scope.locator('[data-role="sign"]').isDisabled(), true, `the form blocks: ${words}`);
}

/** The block the control in `scope` saw its transaction finalized in, and that block's parent. */
async function finalizedIn(scope) {
  const text = await scope.locator('[data-state="finalized"]').innerText();
  const number = Number(/#(\d+)/.exec(text)[1]);
  const [hash, parent] = await Promise.all(
    [number, number - 1].map((n) => chain.client._request("chain_getBlockHash", [n])),
  );
  return { number, hash, parent };
}

let consoles;

test(
  "the consoles are set up by polkadot-api: requests, assets to whitelist, a Growth Network and a validator's DAM",
  { timeout: 120_000 },
  async (t) => {
    const started = Date.now();
    consoles = await setUpConsoles(chain.api, accounts, ids);
    t.diagnostic(`set up in ${Date.now() - started} ms`);
    // The main page rests while each console gets a page of its own.
    await page.goto("about:blank");
  },
);

test("the consoles, each on a page of its own, side by side", { concurrency: true, timeout: 420_000 }, async (t) => {
  assert.ok(consoles, "the consoles were set up");
  await Promise.all([
    t.test("the Network console funds rewards, answers requests, reports performance and requests a penalty", () =>
      networkConsole(),
    ),
    t.test("a Growth Network sells a license that a Growth DAM buys, then takes what the DAM allocated", () =>
      growthNetwork(),
    ),
    t.test("a Council motion proposed, voted and closed from the app whitelists an asset; Sudo another", () =>
      councilAndSudo(),
    ),
    t.test("an Operator registers session keys and backs its validator; a track's votes are delegated and unlocked", () =>
      validatorAndDelegation(),
    ),
  ]);
});

async function networkConsole() {
  const { charlie } = accounts;
  const p = await openPage("#/network");
  await chooseAccount(charlie, p);
  await p.locator(`[data-network-console="${ids.network}"]`).waitFor({ timeout: 60_000 });
  // A live Collateral Network: funding, performance and penalties; no repayment, vaults or sale.
  assert.equal(await p.locator('[data-form="fund-rewards"]').isVisible(), true);
  assert.equal(await p.locator('[data-form="penalty"]').isVisible(), true);
  for (const hidden of ['[data-form="repay"]', '[data-form="license-sale"]', '[data-section="vaults"]']) {
    assert.equal(await p.locator(hidden).isHidden(), true, `${hidden} is not offered`);
  }

  // Fund the program: the escrow, and what is funded in all (budget and accrued), rise by the amount.
  const fund = p.locator('[data-form="fund-rewards"]');
  await fund.locator('[data-field="fund-program"]').selectOption(String(ids.network));
  await fund.locator('[data-field="fund-amount"]').fill("2000000");
  await blocked(fund, "You hold");
  await fund.locator('[data-field="fund-amount"]').fill("25");
  await sign(fund);
  const { hash, parent } = await finalizedIn(fund);
  const [after, before] = await Promise.all(
    [hash, parent].map((at) => chain.api.apis.RewardsApi.reward_program(ids.network, { at })),
  );
  assert.equal(after.escrow_balance - before.escrow_balance, 25n * NEK, "the escrow rose by exactly 25 NEK");
  assert.equal(after.budget + after.accrued - (before.budget + before.accrued), 25n * NEK, "the program's funds rose by 25 NEK");
  await eventually(
    () => p.locator(`[data-program="${ids.network}"] [data-role="escrow"]`).getAttribute("data-value"),
    async () => (await chain.api.apis.RewardsApi.reward_program(ids.network, best)).escrow_balance.toString(),
    "the console shows the escrow",
  );

  // Confirm one request, after the form refused a largest exposure below the minimum allocation.
  const request = p.locator(`[data-request="${consoles.confirmDam}"]`);
  await request.waitFor({ timeout: 30_000 });
  const confirm = request.locator('[data-action="confirm-installation"]');
  await request.locator('[data-field="max-exposure"]').fill("50");
  await blocked(confirm, "the minimum allocation");
  await shot("network-console", p);
  await request.locator('[data-field="max-exposure"]').fill("3000");
  await sign(confirm);
  const confirmed = await chain.api.query.Marketplace.Installations.getValue(ids.network, consoles.confirmDam, best);
  assert.equal(confirmed.status.type, "Active", "the installation is active");
  assert.equal(confirmed.max_exposure, 3_000n * USD);

  // Refuse the other.
  const refuse = p.locator(`[data-request="${consoles.refuseDam}"] [data-action="refuse-installation"]`);
  await sign(refuse);
  assert.equal(
    await chain.api.query.Marketplace.Installations.getValue(ids.network, consoles.refuseDam, best),
    undefined,
    "the refused request is gone",
  );
  assert.ok(!(await chain.api.query.Dam.DamInstallations.getValue(consoles.refuseDam, best)).includes(ids.network));

  // Report the first DAM's performance.
  const perf = p.locator('[data-form="performance"]');
  await perf.locator('[data-field="performance-dam"]').selectOption(String(ids.dam));
  await perf.locator('[data-field="score"]').fill("100.5");
  await blocked(perf, "at most 100%");
  await perf.locator('[data-field="score"]').fill("90");
  await sign(perf);
  const installed = await chain.api.query.Marketplace.Installations.getValue(ids.network, ids.dam, best);
  assert.equal(installed.performance, 900_000, "the score is 90% as a Permill");

  // Request a penalty: the form holds it to the bounds the chain computes.
  const form = p.locator('[data-form="penalty"]');
  await form.locator('[data-field="penalty-dam"]').selectOption(String(ids.dam));
  const details = await chain.api.apis.DamApi.dam(ids.dam, best);
  const slashable = details.slashable.find((x) => x.network === ids.network).amount;
  const params = await chain.api.query.Marketplace.Params.getValue(best);
  const info = await chain.api.apis.MarketplaceApi.network(ids.network, best);
  const max = (slashable * BigInt(info.network.terms.penalty.max_penalty)) / BigInt(PERBILL);
  const min = (slashable * BigInt(params.min_penalty) + BigInt(PERBILL) - 1n) / BigInt(PERBILL);
  const bounds = form.locator('[data-role="penalty-bounds"]');
  await eventually(() => bounds.getAttribute("data-max"), async () => max.toString(), "the largest penalty");
  assert.equal(await bounds.getAttribute("data-min"), min.toString());
  await form.locator('[data-field="penalty-amount"]').fill(formatAmount(max + 1n, 6));
  await form.locator('[data-field="penalty-reason"]').fill("Missed 40 oracle rounds");
  await blocked(form, "the Network's largest penalty now");
  const amount = max / 2n;
  await form.locator('[data-field="penalty-amount"]').fill(formatAmount(amount, 6));
  const next = await chain.api.query.Slashing.NextPenaltyId.getValue(best);
  await sign(form);
  const penalty = await chain.api.query.Slashing.Penalties.getValue(next, best);
  assert.equal(penalty.network, ids.network);
  assert.equal(penalty.dam, ids.dam);
  assert.equal(penalty.amount, amount);
  assert.equal(penalty.status.type, "Requested");
  assert.equal(new TextDecoder().decode(penalty.reason), "Missed 40 oracle rounds");
  await p.locator(`[data-penalty="${next}"] [data-role="penalty-status"]`, { hasText: "Requested" }).waitFor({
    timeout: 30_000,
  });
  await shot("network-console-penalty", p);
  await p.close();
}

async function growthNetwork() {
  const { dave, eve } = accounts;
  const { growthNetwork: network, growthDam: dam } = consoles;
  const vault = await allocateToGrowth(chain.api, accounts, consoles);
  const p = await openPage("#/network");
  await chooseAccount(dave, p);
  await p.locator('[data-field="network"]').selectOption(String(network));
  await p.locator(`[data-network-console="${network}"]`).waitFor({ timeout: 60_000 });
  // A live Growth Network: a license sale and its vaults; no penalties or repayments.
  assert.equal(await p.locator('[data-form="penalty"]').isHidden(), true);
  assert.equal(await p.locator('[data-form="repay"]').isHidden(), true);

  const sale = p.locator('[data-form="license-sale"]');
  await sale.locator('[data-field="sale-price"]').fill("50");
  await sale.locator('[data-field="sale-supply"]').fill("65");
  await blocked(sale, "At most 64 licenses");
  await sale.locator('[data-field="sale-supply"]').fill("5");
  await sign(sale);
  const opened = await chain.api.query.Rewards.LicenseSales.getValue(network, best);
  assert.deepEqual(
    { price: opened.price, supply: opened.supply, sold: opened.sold },
    { price: 50n * USD, supply: 5, sold: 0 },
  );

  // Eve's Growth DAM buys a license from the Operator console.
  const q = await openPage("#/operator");
  await chooseAccount(eve, q);
  const buy = q.locator('[data-form="buy-license"]');
  await buy
    .locator(`[data-field="license-target"] option[value="${dam}:${network}"]`)
    .waitFor({ state: "attached", timeout: 60_000 });
  await buy.locator('[data-field="license-target"]').selectOption(`${dam}:${network}`);
  await buy.locator('[data-field="license-operator"]').selectOption(eve.address);
  const idleBefore = (await chain.api.apis.DamApi.dam(dam, best)).dam.idle;
  const daveBefore = await assetBalance(chain.api, NUSD, dave.address);
  await shot("operator-license", q);
  await sign(buy);
  const license = await chain.api.query.Rewards.Licenses.getValue(network, 0, best);
  assert.equal(license.dam, dam, "license #0 went to Eve's DAM");
  assert.equal(license.operator, eve.address);
  assert.equal((await chain.api.query.Rewards.LicenseSales.getValue(network, best)).sold, 1);
  assert.equal(idleBefore - (await chain.api.apis.DamApi.dam(dam, best)).dam.idle, 50n * USD, "the DAM paid the price");
  assert.equal((await assetBalance(chain.api, NUSD, dave.address)) - daveBefore, 50n * USD, "to the Network's manager");
  await q.locator(`[data-license="${network}:0"]`).waitFor({ timeout: 30_000 });
  await q.close();

  // Dave releases the DAM's allocation once its lock has passed, then withdraws it.
  const card = p.locator(`[data-vault="${vault.vault}"]`);
  await card.waitFor({ timeout: 30_000 });
  await sign(card.locator('[data-action="release"]'));
  const released = (await chain.api.apis.VaultsApi.vaults(network, best)).find((v) => v.id === vault.vault);
  assert.equal(released.vault.state.type, "Released");
  await card.locator('[data-role="vault-state"][data-state="Released"]').waitFor({ timeout: 30_000 });
  const before = await assetBalance(chain.api, NUSD, dave.address);
  await sign(card.locator('[data-action="withdraw-released"]'));
  assert.equal((await assetBalance(chain.api, NUSD, dave.address)) - before, vault.amount, "Dave took the vault's 100 nUSD");
  assert.equal(vault.amount, 100n * USD);
  assert.ok(!(await chain.api.apis.VaultsApi.vaults(network, best)).some((v) => v.id === vault.vault), "the vault is gone");
  await shot("network-console-growth", p);
  await p.close();
}

async function councilAndSudo() {
  const { alice, bob } = accounts;
  const [euro, yen] = consoles.waitingAssets;
  const whitelisted = async (id) =>
    (await chain.api.query.Marketplace.WhitelistedAssets.getValue({ type: "WithId", value: id }, best)) !== undefined;
  assert.equal(await whitelisted(euro), false);
  const p = await openPage("#/governance");
  await chooseAccount(alice, p);
  const form = p.locator('[data-form="propose"]');
  await form.locator(`[data-field="target"] option[value="asset:${euro}"]`).waitFor({ state: "attached", timeout: 60_000 });
  await form.locator('[data-field="target"]').selectOption(`asset:${euro}`);
  await form.locator('[data-field="route"]').selectOption("council");
  await sign(form);
  const [hash] = await chain.api.query.Council.Proposals.getValue(best);
  assert.ok(hash, "the motion is open");
  const voting = await chain.api.query.Council.Voting.getValue(hash, best);
  assert.equal(voting.threshold, 2, "two of the three members");

  const motion = p.locator(`[data-motion="${voting.index}"]`);
  await motion.waitFor({ timeout: 30_000 });
  // Alice's aye, unless proposing counted it, then Bob's.
  for (const member of voting.ayes.includes(alice.address) ? [bob] : [alice, bob]) {
    await chooseAccount(member, p);
    await sign(motion.locator('[data-action="motion-aye"]'));
  }
  const ayes = (await chain.api.query.Council.Voting.getValue(hash, best)).ayes;
  assert.deepEqual([...ayes].sort(), [alice.address, bob.address].sort());
  await shot("governance-council-motion", p);
  await sign(motion.locator('[data-action="motion-close"]'));
  assert.equal(await whitelisted(euro), true, "the motion whitelisted the asset");
  assert.deepEqual(await chain.api.query.Council.Proposals.getValue(best), [], "the motion is closed");

  // Sudo, on this development chain, whitelists the other.
  await chooseAccount(alice, p);
  await form.locator(`[data-field="target"] option[value="asset:${yen}"]`).waitFor({ state: "attached", timeout: 30_000 });
  await form.locator('[data-field="target"]').selectOption(`asset:${yen}`);
  await form.locator('[data-field="route"]').selectOption("sudo");
  await sign(form);
  assert.equal(await whitelisted(yen), true, "Sudo whitelisted the asset");
  await shot("governance-sudo", p);

  // Alice removes her vote on the referendum that whitelisted Dave's Network: it won with
  // Locked1x, so its NEK stays locked one vote-locking period after the referendum ended.
  const track = p.locator('[data-track-votes="1"]');
  const first = track.locator("[data-vote]:not([data-removed])").first();
  await first.waitFor({ timeout: 30_000 });
  const index = Number(await first.getAttribute("data-vote"));
  const vote = track.locator(`[data-vote="${index}"]`);
  const ended = await chain.api.query.Referenda.ReferendumInfoFor.getValue(index, best);
  assert.equal(ended.type, "Approved");
  const period = await chain.api.constants.ConvictionVoting.VoteLockingPeriod();
  const until = Number(await vote.getAttribute("data-keeps-until"));
  assert.equal(until, ended.value[0] + period, "the app names when the lock ends");
  await blocked(track.locator('[data-action="unlock"]'), "Nothing to unlock yet");
  const locked = (await chain.api.query.ConvictionVoting.VotingFor.getValue(alice.address, 1, best)).value.votes[0][1]
    .value.balance;
  await sign(vote.locator('[data-action="remove-vote"]'));
  const after = await chain.api.query.ConvictionVoting.VotingFor.getValue(alice.address, 1, best);
  assert.equal(after.type, "Casting");
  assert.deepEqual(after.value.votes, [], "the vote is removed");
  assert.deepEqual(after.value.prior, [until, locked], "its lock stays until the block the app named");
  await p.close();
}

async function validatorAndDelegation() {
  const { ferdie, dave } = accounts;
  const dam = consoles.validatorDam;
  const p = await openPage("#/operator");
  await chooseAccount(ferdie, p);
  const section = p.locator('[data-section="validator"]');
  await section.locator('[data-role="ranking"]').waitFor({ timeout: 60_000 });
  const set = await chain.api.apis.ValidatorsApi.validator_set(best);
  assert.equal(await section.locator('[data-candidate]').count(), set.candidates.length);

  // Without session keys, the form will not ask Network 0 for an installation.
  const network = await chain.api.constants.Validators.Network();
  const request = p.locator('[data-form="request-installation"]');
  await request.locator(`[data-field="request-dam"] option[value="${dam}"]`).waitFor({ state: "attached", timeout: 30_000 });
  await request.locator('[data-field="request-dam"]').selectOption(String(dam));
  await request.locator('[data-field="request-network"]').selectOption(String(network));
  await blocked(request, "session keys");

  // Keys from the node, registered from the app.
  const keysForm = p.locator('[data-form="session-keys"]');
  await keysForm.locator('[data-action="generate-keys"]').click();
  await keysForm.locator('[data-role="keys-note"]', { hasText: "The node keeps the private keys" }).waitFor({
    timeout: 30_000,
  });
  const typed = await keysForm.locator('[data-field="session-keys"]').inputValue();
  await sign(keysForm);
  const registered = await chain.api.query.Session.NextKeys.getValue(ferdie.address, best);
  assert.equal(`${registered.aura}${registered.grandpa.slice(2)}`, typed.toLowerCase(), "the chain holds the keys");

  // Now Network 0 confirms the request at once; the backing is committed outside the app.
  await sign(request);
  const installation = await chain.api.query.Marketplace.Installations.getValue(network, dam, best);
  assert.equal(installation.status.type, "Active", "Network 0 confirmed the installation at once");
  await send(chain.api.tx.Dam.commit({ dam, network, amount: 2_000n * NEK }), ferdie);
  const ranked = (await chain.api.apis.ValidatorsApi.validator_set(best)).candidates.find(
    (c) => c.who === ferdie.address,
  );
  assert.equal(ranked.backing, 2_000n * NEK);
  const place = section.locator('[data-role="validator-place"]');
  const row = section.locator(`[data-candidate="${ferdie.address}"]`);
  await eventually(
    async () =>
      `${await place.getAttribute("data-rank")} ${await place.getAttribute("data-status")} ${await row.locator('[data-role="backing"]').getAttribute("data-value")}`,
    async () => `${ranked.rank} ${ranked.status.type} ${ranked.backing}`,
    "the console shows the Operator's rank, status and backing",
  );
  await shot("operator-validator", p);

  // Delegation: Ferdie delegates the penalty_resolver track's votes to Dave, then takes them back.
  const track = 2;
  const g = await openPage("#/governance");
  await chooseAccount(ferdie, g);
  const delegate = g.locator('[data-form="delegate"]');
  await delegate.locator(`[data-field="delegate-track"] option[value="${track}"]`).waitFor({
    state: "attached",
    timeout: 60_000,
  });
  await delegate.locator('[data-field="delegate-track"]').selectOption(String(track));
  await delegate.locator('[data-field="delegate-to"]').fill(ferdie.address);
  await delegate.locator('[data-field="delegate-amount"]').fill("500");
  await blocked(delegate, "another account");
  await delegate.locator('[data-field="delegate-to"]').fill(dave.address);
  await delegate.locator('[data-field="delegate-conviction"]').selectOption("None");
  await sign(delegate);
  const delegating = await chain.api.query.ConvictionVoting.VotingFor.getValue(ferdie.address, track, best);
  assert.equal(delegating.type, "Delegating");
  assert.equal(delegating.value.target, dave.address);
  assert.equal(delegating.value.balance, 500n * NEK);
  const locks = async () =>
    new Map((await chain.api.query.ConvictionVoting.ClassLocksFor.getValue(ferdie.address, best)).map(([c, b]) => [c, b]));
  assert.equal((await locks()).get(track), 500n * NEK, "the delegation locks its NEK");

  const votes = g.locator(`[data-track-votes="${track}"]`);
  await votes.locator('[data-role="delegating"]').waitFor({ timeout: 30_000 });
  await shot("governance-delegation", g);
  await sign(votes.locator('[data-action="undelegate"]'));
  assert.equal(
    (await chain.api.query.ConvictionVoting.VotingFor.getValue(ferdie.address, track, best)).type,
    "Casting",
    "no longer delegating",
  );
  // With no conviction, nothing keeps the lock once the delegation ended.
  await votes.locator('[data-role="lock"]:not([data-unlockable="0"])').waitFor({ timeout: 30_000 });
  await sign(votes.locator('[data-action="unlock"]'));
  assert.equal((await locks()).has(track), false, "the track's lock is gone");
  await g.close();
  await p.close();
}

test("the page logged no errors", () => {
  assert.deepEqual(pageErrors, []);
});
