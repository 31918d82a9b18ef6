// Warden web console. Every data call is a SigV4-signed request made here, in the page, with the
// signed-in user's key (WebCrypto HMAC-SHA256; http://localhost and 127.0.0.1 are secure
// contexts). The key lives in sessionStorage only. No framework, no build step.
"use strict";

const enc = new TextEncoder();
const $ = (id) => document.getElementById(id);

// ---------- SigV4 ----------

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}
async function sha256Hex(text) {
  return hex(await crypto.subtle.digest("SHA-256", enc.encode(text)));
}
async function hmac(key, text) {
  const k = await crypto.subtle.importKey("raw", typeof key === "string" ? enc.encode(key) : key,
    { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, enc.encode(text)));
}
// RFC 3986 encoding, as SigV4 wants it.
function uriEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function credentials() {
  const raw = sessionStorage.getItem("warden.credentials");
  return raw ? JSON.parse(raw) : null;
}

// Signs and sends one request; answers {status, text, headers}.
async function signedFetch({ method, path, query = {}, headers = {}, body = "", service, region }) {
  const c = credentials();
  if (!c) throw new Error("Not signed in");
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  region = region || c.region;
  const all = { ...headers, host: location.host, "x-amz-date": amzDate };
  if (c.token) all["x-amz-security-token"] = c.token;
  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const lower = {};
  for (const [k, v] of Object.entries(all)) lower[k.toLowerCase()] = String(v).trim().replace(/\s+/g, " ");
  const canonicalHeaders = names.map((n) => n + ":" + lower[n] + "\n").join("");
  const signedHeaders = names.join(";");
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => [uriEncode(k), uriEncode(String(v))])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const canonicalQuery = pairs.map(([k, v]) => k + "=" + v).join("&");
  const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, signedHeaders, await sha256Hex(body)].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, await sha256Hex(canonicalRequest)].join("\n");
  let key = await hmac("AWS4" + c.secret, day);
  key = await hmac(key, region);
  key = await hmac(key, service);
  key = await hmac(key, "aws4_request");
  const signature = hex(await hmac(key, stringToSign));
  const send = { ...headers, "X-Amz-Date": amzDate,
    Authorization: `AWS4-HMAC-SHA256 Credential=${c.akid}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
  if (c.token) send["X-Amz-Security-Token"] = c.token;
  const response = await fetch(path + (canonicalQuery ? "?" + canonicalQuery : ""),
    { method, headers: send, body: method === "GET" ? undefined : body, cache: "no-store", credentials: "omit" });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

class ApiError extends Error {
  constructor(code, message) { super(code + ": " + message); this.code = code; this.detail = message; }
}

// DynamoDB (JSON 1.0).
async function ddb(operation, payload) {
  const r = await signedFetch({ method: "POST", path: "/", service: "dynamodb", body: JSON.stringify(payload),
    headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + operation } });
  const json = r.text ? JSON.parse(r.text) : {};
  if (r.status !== 200) {
    const type = (json.__type || "UnknownError").split("#").pop();
    throw new ApiError(type, json.message || json.Message || "");
  }
  return json;
}

// IAM and STS (Query protocol, XML answers).
async function query(service, action, params = {}) {
  const form = new URLSearchParams({ Action: action, Version: service === "sts" ? "2011-06-15" : "2010-05-08", ...params });
  const r = await signedFetch({ method: "POST", path: "/", service, region: service === "iam" ? "us-east-1" : undefined,
    body: form.toString(), headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" } });
  const doc = new DOMParser().parseFromString(r.text, "application/xml");
  if (r.status !== 200) {
    throw new ApiError(text(doc, "Code") || "Error", text(doc, "Message") || r.text);
  }
  return doc;
}
function text(node, tag) {
  const found = node.getElementsByTagName(tag)[0];
  return found ? found.textContent : "";
}
function members(node, tag) {
  const list = node.getElementsByTagName(tag)[0];
  return list ? Array.from(list.children).filter((c) => c.tagName === "member") : [];
}

// Warden's own endpoints (/_warden/…, JSON, signed for dynamodb).
async function warden(method, path, { query: q = {}, body = "", accept } = {}) {
  const headers = body ? { "Content-Type": "application/json" } : {};
  if (accept) headers.Accept = accept;
  const r = await signedFetch({ method, path, query: q, body, service: "dynamodb", headers });
  if (r.status !== 200) {
    let json = {};
    try { json = JSON.parse(r.text); } catch (_) { /* not JSON */ }
    throw new ApiError((json.__type || "Error").split("#").pop(), json.message || json.Message || r.text);
  }
  return accept === "text/plain" ? r.text : JSON.parse(r.text);
}

// ---------- helpers ----------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
function showError(e) {
  const box = $("error");
  box.textContent = e instanceof ApiError ? `${e.code}: ${e.detail}` : String(e.message || e);
  box.hidden = false;
}
function clearError() { $("error").hidden = true; $("error").textContent = ""; }
async function guarded(fn) {
  clearError();
  try { await fn(); } catch (e) { showError(e); }
}

// One attribute value as short text (S, N, BOOL, NULL plainly; the rest as JSON).
function show(value) {
  if (value === undefined) return "";
  const [type, v] = Object.entries(value)[0];
  if (type === "S" || type === "N") return v;
  if (type === "BOOL") return String(v);
  if (type === "NULL") return "null";
  return JSON.stringify(value);
}
// The IAM condition-key form of a key value (S as is, N as its text, B base64).
function keyText(value) {
  if (!value) return "";
  const [, v] = Object.entries(value)[0];
  return String(v);
}
function columnsOf(items, keyNames) {
  const names = [...keyNames];
  for (const item of items) for (const n of Object.keys(item).sort()) if (!names.includes(n)) names.push(n);
  return names;
}

// ---------- sign-in ----------

async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem("warden.credentials", JSON.stringify({
    akid: $("akid").value.trim(), secret: $("secret").value.trim(), token: $("token").value.trim(), region: $("region").value.trim() }));
  $("secret").value = "";
  await start();
}

async function start() {
  clearError();
  if (!credentials()) { $("signin").hidden = false; $("app").hidden = true; return; }
  try {
    const doc = await query("sts", "GetCallerIdentity");
    state.arn = text(doc, "Arn");
    state.account = text(doc, "Account");
  } catch (e) {
    sessionStorage.removeItem("warden.credentials");
    $("signin").hidden = false;
    $("app").hidden = true;
    showError(e);
    return;
  }
  $("whoami").textContent = "Signed in as " + state.arn;
  $("signout").hidden = false;
  $("signin").hidden = true;
  $("app").hidden = false;
  selectTab("tables");
  await guarded(loadTables);
}

function signOut() {
  sessionStorage.removeItem("warden.credentials");
  location.reload();
}

const state = { arn: "", account: "", tables: [], table: null, description: null, pageKeys: [], lastKey: null, liveTimer: null, vaLastKey: null };

function selectTab(name) {
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".tab").forEach((t) => { t.hidden = t.id !== "tab-" + name; });
  clearError();
  if (name === "viewas") guarded(loadPrincipals);
  if (name === "trail") guarded(loadTrail);
  if (name === "clock") guarded(loadClock);
}

// ---------- tables ----------

async function loadTables() {
  const names = [];
  let start;
  do {
    const page = await ddb("ListTables", start ? { ExclusiveStartTableName: start } : {});
    names.push(...page.TableNames);
    start = page.LastEvaluatedTableName;
  } while (start);
  state.tables = names;
  const list = $("table-list");
  list.replaceChildren(...names.map((n) => el("li", {}, el("button", { "data-table": n, onclick: () => guarded(() => openTable(n)) }, n))));
  for (const id of ["va-table", "pg-table"]) {
    const select = $(id), keep = select.value;
    select.replaceChildren(...names.map((n) => el("option", { value: n }, n)));
    if (names.includes(keep)) select.value = keep;
  }
}

async function describe(name) {
  return (await ddb("DescribeTable", { TableName: name })).Table;
}

function keysText(schema) {
  return schema.map((k) => `${k.AttributeName} (${k.KeyType})`).join(", ");
}

async function openTable(name) {
  state.table = name;
  document.querySelectorAll("#table-list button").forEach((b) => b.classList.toggle("active", b.dataset.table === name));
  const t = await describe(name);
  state.description = t;
  $("table-title").textContent = name;
  const types = Object.fromEntries((t.AttributeDefinitions || []).map((a) => [a.AttributeName, a.AttributeType]));
  const rows = [
    ["Status", t.TableStatus],
    ["ARN", t.TableArn],
    ["Keys", t.KeySchema.map((k) => `${k.AttributeName} ${types[k.AttributeName] || ""} (${k.KeyType})`).join(", ")],
    ["Billing", (t.BillingModeSummary && t.BillingModeSummary.BillingMode) || "PROVISIONED"],
    ["Item count", t.ItemCount],
    ["Global secondary indexes", (t.GlobalSecondaryIndexes || []).map((i) => `${i.IndexName}: ${keysText(i.KeySchema)}`).join("; ") || "none"],
    ["Local secondary indexes", (t.LocalSecondaryIndexes || []).map((i) => `${i.IndexName}: ${keysText(i.KeySchema)}`).join("; ") || "none"],
    ["Deletion protection", t.DeletionProtectionEnabled ? "enabled" : "disabled"],
    ["Encryption", t.SSEDescription ? `${t.SSEDescription.SSEType || "KMS"} ${t.SSEDescription.KMSMasterKeyArn || ""}`.trim() : "AWS owned key"],
    ["Stream", t.StreamSpecification && t.StreamSpecification.StreamEnabled ? `${t.StreamSpecification.StreamViewType} ${t.LatestStreamArn || ""}` : "disabled"],
  ];
  try {
    const pitr = (await ddb("DescribeContinuousBackups", { TableName: name })).ContinuousBackupsDescription;
    rows.push(["Point-in-time recovery", pitr.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus]);
  } catch (e) {
    rows.push(["Point-in-time recovery", e.code ? `${e.code}` : String(e)]);
  }
  $("describe").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { "data-field": k }, v)]));
  try {
    const policy = await ddb("GetResourcePolicy", { ResourceArn: t.TableArn });
    $("resource-policy").textContent = JSON.stringify(JSON.parse(policy.Policy), null, 2);
  } catch (e) {
    $("resource-policy").textContent = e.code === "PolicyNotFoundException" ? "none" : `${e.code}: ${e.detail}`;
  }
  const indexSelect = $("query-index");
  indexSelect.replaceChildren(el("option", { value: "" }, "(table)"),
    ...[...(t.GlobalSecondaryIndexes || []), ...(t.LocalSecondaryIndexes || [])].map((i) => el("option", { value: i.IndexName }, i.IndexName)));
  const hash = t.KeySchema[0].AttributeName;
  $("query-kce").value = `#pk = :pk`;
  $("query-names").value = JSON.stringify({ "#pk": hash });
  $("item-editor").value = JSON.stringify({ [hash]: { [types[hash] || "S"]: "" } }, null, 2);
  $("table-view").hidden = false;
  state.pageKeys = [];
  await scanPage(null);
}

function keyNames() {
  return state.description ? state.description.KeySchema.map((k) => k.AttributeName) : [];
}

async function scanPage(startKey) {
  const request = { TableName: state.table, Limit: Number($("page-size").value) || 10 };
  if (startKey) request.ExclusiveStartKey = startKey;
  const page = await ddb("Scan", request);
  state.lastKey = page.LastEvaluatedKey || null;
  if (startKey) state.pageKeys.push(startKey);
  $("items-title").textContent = "Items";
  $("next-page").disabled = !state.lastKey;
  $("page-info").textContent = `page ${state.pageKeys.length + 1}: ${page.Count} item${page.Count === 1 ? "" : "s"}`;
  renderItems(page.Items);
}

function renderItems(items) {
  const names = columnsOf(items, keyNames());
  const table = $("items");
  table.replaceChildren(
    el("tr", {}, ...names.map((n) => el("th", {}, n)), el("th", {}, "")),
    ...items.map((item) => el("tr", {},
      ...names.map((n) => el("td", { "data-attr": n }, show(item[n]))),
      el("td", {},
        el("button", { class: "small edit", onclick: () => { $("item-editor").value = JSON.stringify(item, null, 2); $("editor-box").open = true; } }, "Edit"),
        " ",
        el("button", { class: "small delete", onclick: () => guarded(() => deleteItem(item)) }, "Delete")))));
}

async function deleteItem(item) {
  const key = Object.fromEntries(keyNames().map((n) => [n, item[n]]));
  await ddb("DeleteItem", { TableName: state.table, Key: key });
  $("put-status").textContent = "Deleted " + JSON.stringify(key);
  await scanPage(state.pageKeys.length ? state.pageKeys.pop() : null);
}

async function putItem() {
  let item;
  try { item = JSON.parse($("item-editor").value); } catch (e) { throw new Error("The item is not valid JSON: " + e.message); }
  await ddb("PutItem", { TableName: state.table, Item: item });
  $("put-status").textContent = "Saved";
  await scanPage(state.pageKeys.length ? state.pageKeys[state.pageKeys.length - 1] : null);
}

async function runQuery() {
  const request = { TableName: state.table, KeyConditionExpression: $("query-kce").value };
  try {
    request.ExpressionAttributeValues = JSON.parse($("query-values").value);
    if ($("query-names").value.trim()) request.ExpressionAttributeNames = JSON.parse($("query-names").value);
  } catch (e) { throw new Error("ExpressionAttributeValues/Names are not valid JSON: " + e.message); }
  if ($("query-index").value) request.IndexName = $("query-index").value;
  const result = await ddb("Query", request);
  $("items-title").textContent = `Query results (${result.Count})`;
  $("next-page").disabled = true;
  $("page-info").textContent = "";
  renderItems(result.Items);
}

// ---------- view as ----------

async function loadPrincipals() {
  const kind = $("va-kind").value;
  const doc = kind === "user" ? await query("iam", "ListUsers", { MaxItems: "1000" }) : await query("iam", "ListRoles", { MaxItems: "1000" });
  const arns = members(doc, kind === "user" ? "Users" : "Roles").map((m) => text(m, "Arn"));
  const select = $("va-principal"), keep = select.value;
  select.replaceChildren(...arns.map((a) => el("option", { value: a }, a)));
  if (arns.includes(keep)) select.value = keep;
  $("va-tags-label").hidden = kind !== "role";
  $("va-idkey-label").hidden = kind !== "web";
  $("va-idval-label").hidden = kind !== "web";
}

// The principal's own keys as ContextEntries: session tags, or the web identity's claim.
function principalEntries() {
  const kind = $("va-kind").value, entries = [];
  if (kind === "role") {
    for (const pair of $("va-tags").value.split(",")) {
      const [k, v] = pair.split("=").map((s) => (s || "").trim());
      if (k) entries.push(["aws:PrincipalTag/" + k, [v || ""], "string"]);
    }
  }
  if (kind === "web" && $("va-idkey").value.trim()) entries.push([$("va-idkey").value.trim(), [$("va-idval").value], "string"]);
  return entries;
}

// Asks SimulatePrincipalPolicy whether `principal` may do `action` on `resource` with `keys`.
async function simulate(principal, action, resource, keys) {
  const params = { PolicySourceArn: principal, "ActionNames.member.1": action, "ResourceArns.member.1": resource };
  keys.forEach(([name, values, type], i) => {
    params[`ContextEntries.member.${i + 1}.ContextKeyName`] = name;
    params[`ContextEntries.member.${i + 1}.ContextKeyType`] = type;
    values.forEach((v, j) => { params[`ContextEntries.member.${i + 1}.ContextKeyValues.member.${j + 1}`] = v; });
  });
  const doc = await query("iam", "SimulatePrincipalPolicy", params);
  const result = members(doc, "EvaluationResults")[0];
  const decision = text(result, "EvalDecision");
  const matched = members(result, "MatchedStatements").map((m) =>
    `${text(m, "SourcePolicyId")} (lines ${text(m, "Line") || "?"}–${m.getElementsByTagName("EndPosition")[0] ? text(m.getElementsByTagName("EndPosition")[0], "Line") : "?"})`);
  const missing = members(result, "MissingContextValues").map((m) => m.textContent);
  let reason = decision;
  if (decision === "explicitDeny") reason += " by " + matched.join(", ");
  if (decision === "implicitDeny") reason += ": no statement allows " + action + keys.filter(([n]) => n.startsWith("dynamodb:"))
    .map(([n, v]) => ` with ${n}=[${v.join(", ")}]`).join("");
  if (missing.length) reason += `; missing context: ${missing.join(", ")}`;
  return { decision, reason };
}

async function viewAs(startKey) {
  const principal = $("va-principal").value, tableName = $("va-table").value;
  if (!principal || !tableName) throw new Error("Pick a principal and a table");
  $("va-summary").textContent = "Evaluating…";
  $("va-items").replaceChildren();
  const t = await describe(tableName);
  const keysOf = t.KeySchema.map((k) => k.AttributeName);
  const hash = keysOf[0];
  const scan = { TableName: tableName, Limit: Number($("va-limit").value) || 25 };
  if (startKey) scan.ExclusiveStartKey = startKey;
  const page = await ddb("Scan", scan);
  state.vaLastKey = page.LastEvaluatedKey || null;
  $("va-next").disabled = !state.vaLastKey;
  const extra = principalEntries();
  const names = columnsOf(page.Items, keysOf);
  const rows = [];
  let readable = 0, partial = 0, hidden = 0;
  await Promise.all(page.Items.map(async (item, index) => {
    const leading = ["dynamodb:LeadingKeys", [keyText(item[hash])], "stringList"];
    // A whole-item read, as GetItem without a projection asks for it.
    const whole = await simulate(principal, "dynamodb:GetItem", t.TableArn,
      [leading, ["dynamodb:Attributes", [...keysOf].sort(), "stringList"], ["dynamodb:Select", ["ALL_ATTRIBUTES"], "string"], ...extra]);
    const cells = {};
    if (whole.decision === "allowed") {
      readable++;
      for (const n of names) cells[n] = { allowed: true };
    } else {
      // Attribute by attribute, as GetItem with ProjectionExpression asks for each.
      await Promise.all(Object.keys(item).map(async (n) => {
        const attributes = [...new Set([...keysOf, n])].sort();
        cells[n] = await simulate(principal, "dynamodb:GetItem", t.TableArn,
          [leading, ["dynamodb:Attributes", attributes, "stringList"], ["dynamodb:Select", ["SPECIFIC_ATTRIBUTES"], "string"], ...extra]);
        cells[n].allowed = cells[n].decision === "allowed";
      }));
      const anyAllowed = Object.values(cells).some((c) => c.allowed);
      if (anyAllowed) partial++; else hidden++;
    }
    rows[index] = { item, whole, cells };
  }));
  $("va-summary").textContent = `As ${principal}: ${readable} of ${page.Items.length} items readable in full, ${partial} in part, ${hidden} not at all.`;
  $("va-items").replaceChildren(
    el("tr", {}, ...names.map((n) => el("th", {}, n)), el("th", {}, "Reason")),
    ...rows.map(({ item, whole, cells }) => {
      const denied = whole.decision !== "allowed" && !Object.values(cells).some((c) => c.allowed);
      return el("tr", { class: denied ? "denied" : "", "data-key": keyText(item[hash]) },
        ...names.map((n) => {
          const cell = cells[n];
          const deniedCell = item[n] !== undefined && cell && !cell.allowed;
          return el("td", { "data-attr": n, class: deniedCell ? "denied" : "", title: deniedCell ? cell.reason : null }, show(item[n]));
        }),
        el("td", { class: "reason" }, whole.decision === "allowed" ? "" : denied ? whole.reason
          : "Attributes hidden: " + names.filter((n) => cells[n] && !cells[n].allowed).join(", ") + " — " +
            (names.map((n) => cells[n]).find((c) => c && !c.allowed) || whole).reason));
    }));
}

// ---------- policy playground ----------

const EXAMPLES = {
  ownTag: (hash) => ({
    identity: { Version: "2012-10-17", Statement: [{ Sid: "OwnItems", Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      Resource: "arn:aws:dynamodb:*:*:table/*",
      Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"] } } }] },
    principalKind: "role", tags: { userId: "alice" }, context: {},
    operation: "GetItem", request: { Key: { [hash]: { S: "alice" } } },
  }),
  ownWeb: (hash) => ({
    identity: { Version: "2012-10-17", Statement: [{ Sid: "OwnItemsOnly", Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
      Resource: "arn:aws:dynamodb:*:*:table/*",
      Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"] } } }] },
    principalKind: "role", tags: {}, context: { "www.amazon.com:user_id": ["amzn1.account.alice"] },
    operation: "GetItem", request: { Key: { [hash]: { S: "amzn1.account.bob" } } },
  }),
  attributes: (hash) => ({
    identity: { Version: "2012-10-17", Statement: [{ Sid: "LimitAccessToSpecificAttributes", Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:Scan"],
      Resource: "arn:aws:dynamodb:*:*:table/*",
      Condition: { "ForAllValues:StringEquals": { "dynamodb:Attributes": [hash, "name", "score"] },
        StringEqualsIfExists: { "dynamodb:Select": "SPECIFIC_ATTRIBUTES" } } }] },
    principalKind: "user", tags: {}, context: {},
    operation: "GetItem", request: { Key: { [hash]: { S: "alice" } }, ProjectionExpression: `${hash}, secret` },
  }),
  count: (hash) => ({
    identity: { Version: "2012-10-17", Statement: [{ Sid: "CountOnly", Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:Scan"],
      Resource: "arn:aws:dynamodb:*:*:table/*", Condition: { StringEquals: { "dynamodb:Select": "COUNT" } } }] },
    principalKind: "user", tags: {}, context: {},
    operation: "Query", request: { KeyConditionExpression: "#k = :v", ExpressionAttributeNames: { "#k": hash },
      ExpressionAttributeValues: { ":v": { S: "alice" } }, Select: "COUNT" },
  }),
  returnValues: (hash) => ({
    identity: { Version: "2012-10-17", Statement: [{ Sid: "WriteWithoutReading", Effect: "Allow",
      Action: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], Resource: "arn:aws:dynamodb:*:*:table/*",
      Condition: { StringEqualsIfExists: { "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"] } } }] },
    principalKind: "user", tags: {}, context: {},
    operation: "PutItem", request: { Item: { [hash]: { S: "alice" }, score: { N: "10" } }, ReturnValues: "ALL_OLD" },
  }),
};

async function loadExample(name) {
  const tableName = $("pg-table").value;
  let hash = "pk";
  if (tableName) hash = (await describe(tableName)).KeySchema[0].AttributeName;
  const ex = EXAMPLES[name](hash);
  $("pg-identity").value = JSON.stringify(ex.identity, null, 2);
  $("pg-resource").value = "";
  $("pg-boundary").value = "";
  $("pg-session").value = "";
  $("pg-principal").value = ex.principalKind === "role"
    ? `arn:aws:sts::${state.account}:assumed-role/PlaygroundRole/session` : `arn:aws:iam::${state.account}:user/playground`;
  $("pg-tags").value = JSON.stringify(ex.tags);
  $("pg-context").value = JSON.stringify(ex.context);
  $("pg-operation").value = ex.operation;
  $("pg-request").value = JSON.stringify(ex.request, null, 2);
  $("pg-decision").textContent = "—";
  $("pg-trace").replaceChildren();
}

function parseField(id, what) {
  const v = $(id).value.trim();
  if (!v) return undefined;
  try { return JSON.parse(v); } catch (e) { throw new Error(`${what} is not valid JSON: ${e.message}`); }
}

async function runPlayground() {
  const request = parseField("pg-request", "The request") || {};
  const operation = $("pg-operation").value;
  const tableName = $("pg-table").value;
  if (tableName && !request.TableName && !["BatchGetItem", "BatchWriteItem"].includes(operation)) request.TableName = tableName;
  const body = {
    operation, request,
    identityPolicies: $("pg-identity").value.trim() ? [$("pg-identity").value] : [],
    resourcePolicy: $("pg-resource").value.trim() || undefined,
    permissionsBoundary: $("pg-boundary").value.trim() || undefined,
    sessionPolicy: $("pg-session").value.trim() || undefined,
    principalArn: $("pg-principal").value.trim() || undefined,
    principalTags: parseField("pg-tags", "Principal tags") || {},
    context: parseField("pg-context", "Context keys") || {},
  };
  $("pg-decision").textContent = "…";
  let result;
  try {
    result = await warden("POST", "/_warden/playground", { body: JSON.stringify(body) });
  } catch (e) {
    $("pg-decision").textContent = "—";
    throw e;
  }
  const words = { allow: "ALLOWED", explicitDeny: "DENIED (explicit deny)", implicitDeny: "DENIED (implicit deny)" };
  $("pg-decision").textContent = words[result.decision] || result.decision;
  $("pg-decision").className = result.decision;
  $("pg-trace").replaceChildren(renderTrace(result));
}

function renderTrace(result) {
  const li = (...c) => el("li", {}, ...c);
  const where = (s) => `${s.layer} "${s.policy}", statement ${s.statement}${s.sid ? ` (Sid ${s.sid})` : ""} [${s.effect}]`;
  const list = (values) => "[" + values.map((v) => JSON.stringify(v)).join(", ") + "]";
  return el("ul", { class: "checks" }, ...result.checks.map((c, i) => {
    const t = c.trace;
    const items = [];
    if (c.message) items.push(li(el("span", { class: "message" }, c.message)));
    if (t.grantedBy.length) items.push(li("Granted by: " + t.grantedBy.join(" and ")));
    items.push(li("Statements that applied", el("ul", { class: "matched" },
      ...(t.matchedStatements.length ? t.matchedStatements.map((s) => li(el("span", { class: s.effect === "Allow" ? "allow" : "deny" }, s.effect),
        " " + where(s) + `, lines ${s.lines}`)) : [li("none")]))));
    if (t.failedConditions.length) {
      items.push(li("Conditions that failed", el("ul", { class: "failed" }, ...t.failedConditions.map((f) =>
        li(`${where(f)}: ${f.operator} on ${f.key} expected ${list(f.expected)}, request has ${f.actual ? list(f.actual) : "absent"}` +
          (f.note ? ` — ${f.note}` : ""))))));
    }
    if (t.missingContextKeys.length) items.push(li("Missing context keys: " + t.missingContextKeys.join(", ")));
    const keys = Object.entries(c.context).filter(([k]) => k.startsWith("dynamodb:") || !k.startsWith("aws:") || k.startsWith("aws:PrincipalTag/"));
    items.push(li("Request context", el("ul", { class: "context" }, ...keys.map(([k, v]) => li(`${k} = ${list(v)}`)))));
    if (t.notes.length) items.push(li("How it was decided", el("ul", {}, ...t.notes.map((n) => li(n)))));
    return el("li", { class: "check" },
      el("strong", {}, `Check ${i + 1}: ${c.action} on ${c.resource} — `), el("span", { class: c.outcome }, c.outcome),
      el("ul", {}, ...items));
  }));
}

// ---------- live trail ----------

async function loadTrail() {
  const q = { limit: "200" };
  if ($("tr-principal").value.trim()) q.principal = $("tr-principal").value.trim();
  if ($("tr-table").value.trim()) q.table = $("tr-table").value.trim();
  if ($("tr-event").value.trim()) q.eventName = $("tr-event").value.trim();
  if ($("tr-denied").checked) q.denied = "true";
  const result = await warden("GET", "/_warden/audit", { query: q });
  const records = result.records.slice().reverse();
  $("trail").replaceChildren(
    el("tr", {}, ...["Time", "Event", "Principal", "Table", "Outcome", ""].map((h) => el("th", {}, h))),
    ...records.map((r) => {
      const table = (r.requestParameters && r.requestParameters.tableName) || "";
      const principal = (r.userIdentity && (r.userIdentity.arn || r.userIdentity.invokedBy || r.userIdentity.type)) || "";
      const outcome = r.errorCode ? `${r.errorCode}` : "allowed";
      return el("tr", { class: r.errorCode === "AccessDenied" || r.errorCode === "AccessDeniedException" ? "denied-row" : "" },
        el("td", {}, r.eventTime), el("td", { class: "event" }, r.eventName), el("td", {}, principal), el("td", {}, table),
        el("td", { class: r.errorCode ? "deny" : "allow" }, outcome),
        el("td", {}, el("a", { class: "explain", "data-request": r.requestID, onclick: () => guarded(() => explain(r.requestID)) }, "explain")));
    }));
}

async function explain(id) {
  const text = await warden("GET", "/_warden/explain/" + encodeURIComponent(id), { accept: "text/plain" });
  $("explain").textContent = text;
  $("explain").hidden = false;
}

function toggleLive() {
  if (state.liveTimer) { clearInterval(state.liveTimer); state.liveTimer = null; }
  if ($("tr-live").checked) state.liveTimer = setInterval(() => guarded(loadTrail), 2000);
}

// ---------- clock ----------

async function loadClock(result) {
  const clock = result || await warden("GET", "/_warden/clock");
  $("clock-now").textContent = clock.now;
  $("clock-offset").textContent = String(clock.offsetSeconds);
}

async function advanceClock() {
  const seconds = Number($("clock-advance").value);
  const result = await warden("POST", "/_warden/clock", { body: JSON.stringify({ advanceSeconds: seconds }) });
  await loadClock(result);
}

// ---------- wiring ----------

document.addEventListener("DOMContentLoaded", () => {
  $("signin-form").addEventListener("submit", (e) => guarded(() => signIn(e)));
  $("signout").addEventListener("click", signOut);
  document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => selectTab(b.dataset.tab)));
  $("refresh-tables").addEventListener("click", () => guarded(loadTables));
  $("first-page").addEventListener("click", () => guarded(() => { state.pageKeys = []; return scanPage(null); }));
  $("next-page").addEventListener("click", () => guarded(() => scanPage(state.lastKey)));
  $("put-item").addEventListener("click", () => guarded(putItem));
  $("run-query").addEventListener("click", () => guarded(runQuery));
  $("va-kind").addEventListener("change", () => guarded(loadPrincipals));
  $("va-run").addEventListener("click", () => guarded(() => viewAs(null)));
  $("va-next").addEventListener("click", () => guarded(() => viewAs(state.vaLastKey)));
  document.querySelectorAll(".example").forEach((b) => b.addEventListener("click", () => guarded(() => loadExample(b.dataset.example))));
  $("pg-run").addEventListener("click", () => guarded(runPlayground));
  $("tr-refresh").addEventListener("click", () => guarded(loadTrail));
  $("tr-live").addEventListener("change", toggleLive);
  $("clock-refresh").addEventListener("click", () => guarded(() => loadClock()));
  $("clock-advance-btn").addEventListener("click", () => guarded(advanceClock));
  start();
});
