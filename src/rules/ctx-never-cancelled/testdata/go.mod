module example.com/rules/ctxnevercancelled

go 1.19
