// The Lua scripts: each one step of the store that must be atomic in Redis (a commit, a load, a consistent read of a
// project, a ticket, a lease). The keys of one project share its hash tag (keys.ts), so each script runs on one shard.
import { VISIBLE_FIELDS } from '@livesnap/protocol';

/** `redis.call` arguments for the project's five state keys, as `stateKeys` orders them. */
const STATE_KEYS = `local meta, snapshots, tickets, tombstones, log = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]`;

const REFRESH = `for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ttl) end`;

/**
 * A commit. ARGV: epoch ('' for the current one), replayLimit, tombstoneMs, ttlMs, channel, then per change: kind
 * ('u' or 'r'), workspaceId, ticket, the snapshot's JSON without `version` ('' for a remove). A change applies when its
 * ticket is not older than the epoch's start nor than the last ticket applied to its workspace; an upsert only when a
 * visible field differs (compared decoded, field by field). Each real change takes the next seq, an upsert's `version`
 * is that seq, and the messages go to the log (capped at replayLimit), each entry with the names of the visible fields
 * that changed (`c`: comma-separated; `*` for a first appearance, '' for a remove) and the version they changed from
 * (`b`, read from the end of the held snapshot's JSON, which this script wrote): what a version-2 patch is made of. The
 * channel gets one payload `{"epoch","messages","changes"}`, `changes[i]` being message i's `{"c","b"}`.
 * Returns {'ok', payload or ''} or {'ended', the current epoch or ''}.
 */
export const COMMIT = `
${STATE_KEYS}
local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then return {'ended', ''} end
if ARGV[1] ~= '' and ARGV[1] ~= epoch then return {'ended', epoch} end
local replayLimit, tombstoneMs, ttl, channel = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local start = tonumber(redis.call('HGET', meta, 'start'))
local seq = tonumber(redis.call('HGET', meta, 'seq'))
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
-- Tombstones older than tombstoneMs are forgotten: no read still in flight can have begun before them.
local expired = redis.call('ZRANGEBYSCORE', tombstones, '-inf', now - tombstoneMs)
if #expired > 0 then
  for _, workspaceId in ipairs(expired) do redis.call('HDEL', tickets, workspaceId) end
  redis.call('ZREMRANGEBYSCORE', tombstones, '-inf', now - tombstoneMs)
end
local VISIBLE = cjson.decode(${JSON.stringify(JSON.stringify(VISIBLE_FIELDS))})
local function same(a, b)
  if type(a) ~= 'table' or type(b) ~= 'table' then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
local out, changes = {}, {}
for i = 6, #ARGV, 4 do
  local kind, workspaceId, ticket, json = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local applied = tonumber(redis.call('HGET', tickets, workspaceId) or '0')
  if tonumber(ticket) >= start and tonumber(ticket) >= applied then
    redis.call('HSET', tickets, workspaceId, ticket)
    local message, changed, base
    if kind == 'r' then
      redis.call('ZADD', tombstones, now, workspaceId)
      if redis.call('HDEL', snapshots, workspaceId) == 1 then
        seq = seq + 1
        message = '{"type":"remove","seq":' .. seq .. ',"workspaceId":' .. cjson.encode(workspaceId) .. '}'
        changed = ''
      end
    else
      redis.call('ZREM', tombstones, workspaceId)
      local old = redis.call('HGET', snapshots, workspaceId)
      local names = {}
      if old then
        local a, b = cjson.decode(old), cjson.decode(json)
        for _, name in ipairs(VISIBLE) do
          if not same(a[name], b[name]) then names[#names + 1] = name end
        end
      end
      if not old or #names > 0 then
        seq = seq + 1
        local snapshot = string.sub(json, 1, -2) .. ',"version":' .. seq .. '}'
        redis.call('HSET', snapshots, workspaceId, snapshot)
        message = '{"type":"upsert","seq":' .. seq .. ',"snapshot":' .. snapshot .. '}'
        changed = old and table.concat(names, ',') or '*'
        base = old and string.match(old, ',"version":(%d+)}$') or ''
      end
    end
    if message then
      redis.call('XADD', log, 'MAXLEN', replayLimit, seq .. '-0', 'm', message, 'c', changed, 'b', base or '')
      out[#out + 1] = message
      changes[#changes + 1] = '{"c":' .. cjson.encode(changed) .. ',"b":' .. cjson.encode(base or '') .. '}'
    end
  end
end
if #out == 0 then return {'ok', ''} end
redis.call('HSET', meta, 'seq', seq)
local payload = '{"epoch":' .. cjson.encode(epoch) .. ',"messages":[' .. table.concat(out, ',') ..
  '],"changes":[' .. table.concat(changes, ',') .. ']}'
redis.call('PUBLISH', channel, payload)
${REFRESH}
return {'ok', payload}
`;

/**
 * A load. ARGV: a new epoch id, the load's ticket, ttlMs, then per snapshot: workspaceId, its JSON without `version`.
 * When the project is held: {1, epoch, seq, every snapshot's JSON} (joined). Otherwise a new epoch at seq 0 holding
 * these snapshots at version 0, whatever was left of an older one gone: {0, epoch, '0'}.
 */
export const LOAD = `
${STATE_KEYS}
local ttl = ARGV[3]
local epoch = redis.call('HGET', meta, 'epoch')
if epoch then
  ${REFRESH}
  return {1, epoch, redis.call('HGET', meta, 'seq'), redis.call('HVALS', snapshots)}
end
redis.call('DEL', snapshots, tickets, tombstones, log)
redis.call('HSET', meta, 'epoch', ARGV[1], 'seq', '0', 'start', ARGV[2])
for i = 4, #ARGV, 2 do
  redis.call('HSET', snapshots, ARGV[i], string.sub(ARGV[i + 1], 1, -2) .. ',"version":0}')
  redis.call('HSET', tickets, ARGV[i], ARGV[2])
end
${REFRESH}
return {0, ARGV[1], '0'}
`;

/** The project's state in one read: {epoch, seq, every snapshot's JSON}, or nil when it is not held. */
export const STATE = `
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then return false end
return {epoch, redis.call('HGET', KEYS[1], 'seq'), redis.call('HVALS', KEYS[2])}
`;

/**
 * The messages after ARGV[2] in epoch ARGV[1] (KEYS: meta, log), each as {its JSON, `c`, `b`} ('' for a field the
 * entry lacks: one written before the log kept it); nil when the log cannot say (another epoch, a seq past the
 * project's, or older than what the log still holds).
 */
export const SINCE = `
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if epoch ~= ARGV[1] then return false end
local current, after = tonumber(redis.call('HGET', KEYS[1], 'seq')), tonumber(ARGV[2])
if after > current then return false end
if after == current then return {} end
local entries = redis.call('XRANGE', KEYS[2], (after + 1) .. '-0', '+')
if #entries == 0 or entries[1][1] ~= (after + 1) .. '-0' then return false end
local out = {}
for i, entry in ipairs(entries) do
  local fields = {}
  for j = 1, #entry[2], 2 do fields[entry[2][j]] = entry[2][j + 1] end
  out[i] = {fields.m, fields.c or '', fields.b or ''}
end
return out
`;

/**
 * Whether the project is still held at epoch ARGV[1] (1 or 0); if so its keys' expiry is pushed back to ARGV[2] ms.
 * An instance runs it for every project it holds, so that a project expires only once no instance holds it.
 */
export const TOUCH = `
local ttl = ARGV[2]
if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 0 end
${REFRESH}
return 1
`;

/**
 * The next ticket. A counter Redis does not have (a new or emptied Redis) starts at Redis's own clock in microseconds,
 * so that tickets after an emptied Redis are still later than every ticket handed out before it.
 */
export const TICKET = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  local time = redis.call('TIME')
  redis.call('SET', KEYS[1], time[1] .. string.format('%06d', tonumber(time[2])))
end
return redis.call('INCR', KEYS[1])
`;

/** Takes the lease KEYS[1] for owner ARGV[1] for ARGV[2] ms, or renews it when the owner holds it: 1, else 0. */
export const LEASE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

/** The project deleted at the source: its state keys (and lease) deleted, followers told on ARGV[1]. */
export const DROP = `
redis.call('DEL', unpack(KEYS))
redis.call('PUBLISH', ARGV[1], '{"ended":true}')
return 1
`;
