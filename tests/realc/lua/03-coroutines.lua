-- Coroutines, generators, a small interpreter, sorting and GC pressure.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i, i * i) end
    return "done"
  end)
end
local g = gen(4)
print(g()) print(g()) print(g()) print(g()) print(g())

local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  error("inside " .. d .. e)
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co), coroutine.resume(co))
print(coroutine.isyieldable(), select(2, coroutine.running()))

-- Producer / consumer through a filter.
local function producer()
  return coroutine.create(function()
    for _, w in ipairs({"alpha", "beta", "gamma", "delta"}) do coroutine.yield(w) end
  end)
end
local function filter(p)
  return coroutine.create(function()
    local n = 1
    while true do
      local ok, x = coroutine.resume(p)
      if not x then break end
      coroutine.yield(string.format("%d %s", n, x:upper()))
      n = n + 1
    end
  end)
end
local f = filter(producer())
while true do
  local _, x = coroutine.resume(f)
  if not x then break end
  print(x)
end

-- Sieve of Eratosthenes with coroutines.
local function sieve(limit)
  local out = {}
  local function gen_nums()
    return coroutine.wrap(function() for i = 2, limit do coroutine.yield(i) end end)
  end
  local function filt(p, src)
    return coroutine.wrap(function()
      for n in src do if n % p ~= 0 then coroutine.yield(n) end end
    end)
  end
  local src = gen_nums()
  while true do
    local p = src()
    if not p then break end
    out[#out + 1] = p
    src = filt(p, src)
  end
  return out
end
local primes = sieve(200)
print(#primes, primes[#primes], table.concat(primes, " ", 1, 15))

-- A tiny stack machine.
local prog = {"push 2", "push 3", "add", "push 7", "mul", "dup", "mul", "print"}
local stack = {}
for _, ins in ipairs(prog) do
  local op, arg = ins:match("(%a+)%s*(%-?%d*)")
  if op == "push" then stack[#stack + 1] = tonumber(arg)
  elseif op == "add" then local b = table.remove(stack); stack[#stack] = stack[#stack] + b
  elseif op == "mul" then local b = table.remove(stack); stack[#stack] = stack[#stack] * b
  elseif op == "dup" then stack[#stack + 1] = stack[#stack]
  elseif op == "print" then print("vm", stack[#stack]) end
end

-- Allocation-heavy work, with the collector in both modes.
local function churn(n)
  local t = {}
  for i = 1, n do t[i] = {i, tostring(i), {i}} end
  local s = 0
  for i = 1, n, 3 do s = s + t[i][1] + #t[i][2] end
  return s
end
print("churn", churn(200000))
collectgarbage("generational")
print("churn", churn(100000))
collectgarbage("incremental")
print("gc", collectgarbage("step"), collectgarbage("isrunning"))

-- Deterministic pseudo-random numbers.
math.randomseed(42, 7)
local r = {}
for i = 1, 5 do r[i] = math.random(1, 1000) end
print("random", table.concat(r, " "), math.random(0) ~= nil)
local mt = {__index = function(t, k) return k * 2 end, __newindex = function(t, k, v) rawset(t, k, v * 10) end}
local p = setmetatable({}, mt)
p[1] = 5
print("meta", p[1], p[21], rawget(p, 21), rawlen({1, 2, 3}), rawequal(p, p), next({}))
print(string.format("%.6f", os.clock() * 0), os.time({year = 2020, month = 1, day = 1, hour = 12}) ~= nil, os.date("!%Y-%m-%d", 86400))
print(os.getenv("ASYNCC_REALC_NONEXISTENT"), type(io.stdout), io.type(io.stdout), io.type(42))
local fname = os.tmpname and "lua-test.txt"
local fh = assert(io.open(fname, "w"))
fh:write("line1\n", 42, "\n", 3.5, "\nlast")
fh:close()
for l in io.lines(fname) do io.write("[", l, "]") end
print()
fh = io.open(fname)
print(fh:read("l", "n", "n", "a"))
print(fh:seek("set", 2), fh:read(3), fh:seek("end"))
fh:close()
print(os.remove(fname), os.remove(fname))
