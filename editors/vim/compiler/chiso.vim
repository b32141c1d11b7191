" Vim compiler file: chiso check (:make checks the current file and lists
" every error and warning in the quickfix window)
if exists('current_compiler') | finish | endif
let current_compiler = 'chiso'
CompilerSet makeprg=chiso\ check\ %:S
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ note:\ %m,%-G%.%#
