-- Closures, metatables, integers and floats, strings, tables, goto, errors.
local function counter()
  local n = 0
  return function(k) n = n + (k or 1); return n end
end
local c = counter()
c(); c(5)
print("counter", c(), c(10))

local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__tostring = function(v) return string.format("(%g, %g)", v.x, v.y) end
V.__lt = function(a, b) return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y end
V.__len = function() return 2 end
V.__call = function(v, s) return v.x * s, v.y * s end
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
local s = vec(1, 2) + vec(3.5, -4)
print("vec", tostring(s), s == vec(4.5, -2), vec(1, 1) < s, #s, s(2))

print("int", 7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, 2^53, math.maxinteger + 1 == math.mininteger)
print("float", 1/0, -1/0, 0/0 ~= 0/0, 3 / 2, 1e308 * 10, math.pi, -0.0)
print("bits", 0xFF & 0x0F, 0xF0 | 0x0F, 0xFF ~ 0x0F, ~0, 1 << 63, 1 << 64, -1 >> 1)
print("conv", math.tointeger(3.0), math.tointeger(3.5), 10 // 3.0, "10" + 5, 10 .. 20, tonumber("0x1p4"), tonumber("z", 36))
print("cmp", 1 == 1.0, "a" < "b", math.type(1), math.type(1.0), math.type("1"), math.ult(1, -1))

local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t)
print("sort", t[1], t[500], t[1000], #t)
table.sort(t, function(a, b) return a > b end)
print("sortdesc", t[1], t[1000], table.concat(t, ",", 1, 5))
table.insert(t, 1, -1); table.remove(t); table.move(t, 1, 3, 10)
print("tab", t[1], t[10], t[11], t[12], #t, select("#", table.unpack(t, 1, 10)), table.pack(1, nil, 3).n)

local words = {}
for w in ("the quick brown fox jumps over the lazy dog the end"):gmatch("%a+") do
  words[w] = (words[w] or 0) + 1
end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", words[k], " ") end
print()

for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    io.write(i, ":", j, " ")
    ::continue::
  end
end
print()

local ok, err = pcall(function() error({code = 42}) end)
print("pcall", ok, type(err), err.code)
ok, err = pcall(function() local x = nil; return x.y end)
print("pcall2", ok, err)
print("xpcall", xpcall(function() error("deep", 0) end, function(m) return "handled: " .. m end))
print("assert", pcall(assert, false, "nope"), pcall(assert, 1, 2))
print(select(2, pcall(error)), select(2, pcall(error, setmetatable({}, {__tostring = function() return "obj" end}))))

local f = assert(load("local a, b = ... return a * b + 1"))
print("load", f(6, 7), load("syntax error here"))
local env = {print = print, x = 5}
print("env", load("x = x + 1 return x", "chunk", "t", env)(), env.x)
local fact
fact = function(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("fact", fact(20), fact(25), fact(30.0))
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + 1) end
print("tail", tail(1000000, 0))
print("varargs", select("#", nil, nil), select(-1, 1, 2, 3), (function(...) return ... end)(1, 2, 3))
local wk = setmetatable({}, {__mode = "k"})
wk[{}] = 1
collectgarbage(); collectgarbage()
local n = 0 for _ in pairs(wk) do n = n + 1 end
print("weak", n, collectgarbage("count") > 0)
do
  local closed = {}
  do
    local x <close> = setmetatable({}, {__close = function() closed[#closed + 1] = "x" end})
    local y <close> = setmetatable({}, {__close = function() closed[#closed + 1] = "y" end})
  end
  print("close", table.concat(closed, ","))
  local k <const> = 10
  print("const", k * 2)
end
