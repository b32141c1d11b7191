" chiso rules files
autocmd BufRead,BufNewFile *.chiso setfiletype chiso
