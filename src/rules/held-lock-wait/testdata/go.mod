module example.com/rules/heldlockwait

go 1.22
