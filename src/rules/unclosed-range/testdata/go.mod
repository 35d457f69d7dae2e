module example.com/rules/unclosedrange

go 1.19
