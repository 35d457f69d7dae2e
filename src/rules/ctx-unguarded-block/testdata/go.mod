module example.com/rules/ctxunguarded

go 1.21

require example.org/bloom v0.0.0

replace example.org/bloom => ./_stubs/bloom
