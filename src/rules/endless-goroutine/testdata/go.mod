module example.com/rules/endlessgoroutine

go 1.19
