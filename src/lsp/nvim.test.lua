-- Run by nvim.test.ts: Neovim 0.7's own LSP client (vim.lsp.start_client) attaches `goleash lsp` to a Go file,
-- reads back its diagnostics, fixes the leak in the buffer and waits for them to clear. Everything it saw is
-- written to GOLEASH_OUT; any error too. It always quits.
local out = {}
local function run()
  local main, root, file = os.getenv('GOLEASH_MAIN'), os.getenv('GOLEASH_ROOT'), os.getenv('GOLEASH_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'go'
  local id = vim.lsp.start_client({ name = 'goleash', cmd = { os.getenv('GOLEASH_NODE'), main, 'lsp' }, root_dir = root })
  vim.lsp.buf_attach_client(buf, id)
  -- not a speed limit: only a guard against a hang
  if not vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    table.insert(out, 'timeout waiting for diagnostics')
    return
  end
  local diags = vim.diagnostic.get(buf)
  table.sort(diags, function(a, b) return a.lnum < b.lnum end)
  for _, d in ipairs(diags) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out, string.format('%d:%d-%d:%d severity=%d source=%s code=%s %s', d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source, tostring(lsp.code or d.code), d.message))
  end
  -- the leak fixed in the buffer: `go work(ctx, ch)` hands the goroutine a context that is never cancelled
  local line = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1]
  vim.api.nvim_buf_set_lines(buf, 8, 9, false, { (line:gsub('go work%(ctx, ch%)', 'go work(context.Background(), ch)')) })
  if not vim.wait(120000, function() return #vim.diagnostic.get(buf) == 0 end, 20) then
    table.insert(out, 'timeout waiting for the diagnostics to clear')
    return
  end
  table.insert(out, 'cleared')
  vim.lsp.stop_client(id)
end
local ok, err = pcall(run)
if not ok then table.insert(out, 'error: ' .. tostring(err)) end
vim.fn.writefile(out, os.getenv('GOLEASH_OUT'))
vim.cmd('qa!')
